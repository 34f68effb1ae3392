namespace SommeNumerique.Saas.Infrastructure.ReferenceData;

/// <summary>
/// Where the reference data comes from: the Somme extract shipped inside this assembly (the app starts
/// offline), or the full national Etalab files from disk (scale benchmarks).
/// </summary>
public sealed class ReferenceDataSource
{
    /// <summary>
    /// Package 6.0.0 is the 2026 edition: its populations are INSEE's populations légales millésimées 2023, in force
    /// from 1 January 2026. The product files a legal population under the year it is used for (a per-inhabitant price
    /// of year N uses the population recorded for N, with no fallback), so these figures are recorded for 2026.
    /// </summary>
    public const int Etalab600PopulationReferenceYear = 2026;

    /// <summary>The INSEE millésime of package 6.0.0's populations (named in the recorded source).</summary>
    public const int Etalab600PopulationMillesime = 2023;

    private readonly Func<string, Stream> _open;

    private ReferenceDataSource(Func<string, Stream> open, int populationReferenceYear)
    {
        _open = open;
        PopulationReferenceYear = populationReferenceYear;
    }

    public int PopulationReferenceYear { get; }

    /// <summary>The source recorded with the imported populations.</summary>
    public string PopulationSource => PopulationReferenceYear == Etalab600PopulationReferenceYear
        ? $"Etalab, découpage administratif 6.0.0 (population légale millésimée {Etalab600PopulationMillesime}, en vigueur au 1er janvier {PopulationReferenceYear})"
        : $"Etalab, découpage administratif (population légale en vigueur en {PopulationReferenceYear})";

    internal Stream OpenCommunes() => _open("communes.json");
    internal Stream OpenEpci() => _open("epci.json");
    internal Stream OpenMembership() => _open("membership");

    /// <summary>The Somme extract (771 communes, 17 EPCI) embedded in the assembly.</summary>
    public static ReferenceDataSource SommeExtract() =>
        new(file => Embedded(file == "membership" ? "ReferenceData.somme-membership.json" : $"ReferenceData.somme.{file}"),
            Etalab600PopulationReferenceYear);

    /// <summary>
    /// The package's own files in <paramref name="etalabDataFolder"/> (communes.json, epci.json), with the
    /// Somme membership facts (the syndicate's members do not depend on the extent of the import).
    /// </summary>
    public static ReferenceDataSource Folder(string etalabDataFolder, int populationReferenceYear = Etalab600PopulationReferenceYear) =>
        new(file => file == "membership"
                ? Embedded("ReferenceData.somme-membership.json")
                : File.OpenRead(Path.Combine(etalabDataFolder, file)),
            populationReferenceYear);

    private static Stream Embedded(string name) =>
        typeof(ReferenceDataSource).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
}
