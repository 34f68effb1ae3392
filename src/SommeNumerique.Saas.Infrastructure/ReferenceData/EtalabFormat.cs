using System.Text.Json;
using System.Text.Json.Serialization;

namespace SommeNumerique.Saas.Infrastructure.ReferenceData;

// The JSON format of the npm package @etalab/decoupage-administratif (Licence Ouverte), files data/communes.json,
// data/epci.json and data/departements.json. Only the fields the product uses are read.

internal sealed record EtalabCommune(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("nom")] string Nom,
    [property: JsonPropertyName("departement")] string? Departement,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("siren")] string? Siren,
    [property: JsonPropertyName("population")] int? Population)
{
    /// <summary>Communes that exist today (not former, associated or delegated communes).</summary>
    public bool IsCurrent => Type == "commune-actuelle";
}

internal sealed record EtalabEpci(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("nom")] string Nom,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("populationTotale")] int? PopulationTotale,
    [property: JsonPropertyName("membres")] IReadOnlyList<EtalabEpciMember> Membres);

internal sealed record EtalabEpciMember(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("siren")] string? Siren);

/// <summary>data/somme-membership.json: who is a member of the syndicate, from seed 002.</summary>
internal sealed record MembershipFacts(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("memberSince")] DateOnly MemberSince,
    [property: JsonPropertyName("departement")] MembershipDepartement Departement,
    [property: JsonPropertyName("members")] IReadOnlyList<MembershipMember> Members);

internal sealed record MembershipDepartement(
    [property: JsonPropertyName("siren")] string Siren,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("population2019")] int Population2019);

internal sealed record MembershipMember(
    [property: JsonPropertyName("siren")] string Siren,
    [property: JsonPropertyName("seedName")] string SeedName,
    [property: JsonPropertyName("population2019")] int? Population2019 = null);

internal static class EtalabJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<List<T>> ReadListAsync<T>(Stream stream, CancellationToken ct) =>
        await JsonSerializer.DeserializeAsync<List<T>>(stream, Options, ct)
        ?? throw new InvalidDataException($"Empty {typeof(T).Name} file.");
}
