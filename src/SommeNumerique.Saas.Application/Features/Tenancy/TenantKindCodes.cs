using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Features.Tenancy;

/// <summary>The codes the API uses for tenant kinds (in filters and responses).</summary>
public static class TenantKindCodes
{
    private static readonly Dictionary<string, TenantKind[]> Filters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["departement"] = [TenantKind.Departement],
        ["commune"] = [TenantKind.Commune],
        ["etablissement-public"] = [TenantKind.EtablissementPublic],
        ["ccas"] = [TenantKind.Ccas],
        ["syndicat"] = [TenantKind.Syndicat],
        ["sivu"] = [TenantKind.Sivu],
        ["sdis"] = [TenantKind.Sdis],
        ["autre"] = [TenantKind.EtablissementPublic, TenantKind.Ccas, TenantKind.Syndicat, TenantKind.Sivu, TenantKind.Sdis],
        ["ca"] = [TenantKind.CommunauteAgglomeration],
        ["cc"] = [TenantKind.CommunauteCommunes],
        ["cu"] = [TenantKind.CommunauteUrbaine],
        ["metropole"] = [TenantKind.Metropole],
        ["epci"] = [TenantKind.CommunauteAgglomeration, TenantKind.CommunauteCommunes, TenantKind.CommunauteUrbaine, TenantKind.Metropole],
    };

    public static IEnumerable<string> FilterCodes => Filters.Keys;

    /// <summary>The kind of one code ("commune", "ccas"...); the group codes ("epci", "autre") are not kinds.</summary>
    public static bool TryParseKind(string? code, out TenantKind kind)
    {
        kind = default;
        if (code is null || !Filters.TryGetValue(code.Trim(), out var found) || found.Length != 1) return false;
        kind = found[0];
        return true;
    }

    /// <summary>The single-kind codes, for error messages and forms.</summary>
    public static IEnumerable<string> KindCodes => Filters.Where(f => f.Value.Length == 1).Select(f => f.Key);

    /// <summary>The kinds a filter code stands for ("epci" stands for every kind of EPCI).</summary>
    public static bool TryParseFilter(string? code, out TenantKind[] kinds)
    {
        if (code is not null && Filters.TryGetValue(code.Trim(), out var found))
        {
            kinds = found;
            return true;
        }
        kinds = [];
        return false;
    }

    public static string Code(this TenantKind kind) => kind switch
    {
        TenantKind.Departement => "departement",
        TenantKind.Commune => "commune",
        TenantKind.EtablissementPublic => "etablissement-public",
        TenantKind.Ccas => "ccas",
        TenantKind.Syndicat => "syndicat",
        TenantKind.Sivu => "sivu",
        TenantKind.Sdis => "sdis",
        TenantKind.CommunauteAgglomeration => "ca",
        TenantKind.CommunauteCommunes => "cc",
        TenantKind.CommunauteUrbaine => "cu",
        TenantKind.Metropole => "metropole",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
