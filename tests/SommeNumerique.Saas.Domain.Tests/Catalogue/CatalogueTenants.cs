using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue;

/// <summary>The tenants the catalogue tests price for (each a fresh object graph).</summary>
public enum Who
{
    /// <summary>CA de la Baie de Somme (200070993), member since 2017; population 51 060 (2019, seed 002), 48 643 (2024).</summary>
    BaieDeSomme,
    /// <summary>Abbeville (218000016), commune of the CA de la Baie de Somme, 22 395 inhabitants, 24 workstations.</summary>
    Abbeville,
    /// <summary>Abbeville declaring 25 workstations.</summary>
    Abbeville25Postes,
    /// <summary>Abbeville that has not declared its workstations.</summary>
    AbbevilleSansPostes,
    /// <summary>CC du Ternois (200069672), not a member; population 37 786.</summary>
    Ternois,
    /// <summary>Vitz-sur-Authie (218007615), commune of the CC du Ternois, 136 inhabitants, 3 workstations.</summary>
    VitzSurAuthie,
    /// <summary>Vitz-sur-Authie, its CC du Ternois joining the syndicate on 2025-03-01 (a scenario, not a fact).</summary>
    VitzTernoisAdherent2025,
    /// <summary>Cachy (218001527), 300 inhabitants, commune of the CC du Val de Somme (248000499, member).</summary>
    Cachy,
    /// <summary>Amiens (218000198), 133 000 inhabitants, commune of CA Amiens Métropole.</summary>
    Amiens,
    /// <summary>CA Amiens Métropole (248000531), member; population 182 600 (2019, seed 002), 180 000 (2024).</summary>
    AmiensMetropole,
    /// <summary>Département de la Somme (228000014), member, 571 879 inhabitants.</summary>
    Departement,
}

/// <summary>
/// Tenants built through <see cref="Tenant.Create"/>, <see cref="Tenant.JoinSyndicate"/>, <see cref="Tenant.RecordPopulation"/>,
/// <see cref="Tenant.AttachToEpci"/> and <see cref="Tenant.DeclareWorkstations"/>. SIRENs are the real ones
/// (data/etalab/somme) and all pass the Luhn check. Members join on 2017-01-01 (data/somme-membership.json:
/// the seeds attest the 16 members in 2019, not their accession dates).
/// </summary>
internal static class CatalogueTenants
{
    public const string BaieDeSommeSiren = "200070993";
    public const string AbbevilleSiren = "218000016";
    public const string TernoisSiren = "200069672";
    // The brief suggested 218008100 (Luhn-valid, but not this commune's): Etalab gives 218007615, also Luhn-valid.
    public const string VitzSurAuthieSiren = "218007615";
    public const string ValDeSommeSiren = "248000499";
    public const string CachySiren = "218001527";
    // The brief suggested 218000214 (Luhn-valid, but not Amiens'): Etalab gives 218000198, also Luhn-valid.
    public const string AmiensSiren = "218000198";
    public const string AmiensMetropoleSiren = "248000531";
    public const string DepartementSiren = "228000014";

    public static readonly DateOnly MembersSince = new(2017, 1, 1);
    public static readonly DateOnly TernoisJoins = new(2025, 3, 1);
    private const string Source = "Rapport d'activité 2019 (seed 002) : membre du syndicat mixte";

    public static (Tenant Tenant, Tenant? ParentEpci) Build(Who who) => who switch
    {
        Who.BaieDeSomme => (BaieDeSomme(), null),
        Who.Abbeville => CommuneOf(BaieDeSomme(), Abbeville(24)),
        Who.Abbeville25Postes => CommuneOf(BaieDeSomme(), Abbeville(25)),
        Who.AbbevilleSansPostes => CommuneOf(BaieDeSomme(), Abbeville(null)),
        Who.Ternois => (Ternois(joins: null), null),
        Who.VitzSurAuthie => CommuneOf(Ternois(joins: null), VitzSurAuthie()),
        Who.VitzTernoisAdherent2025 => CommuneOf(Ternois(joins: TernoisJoins), VitzSurAuthie()),
        Who.Cachy => CommuneOf(ValDeSomme(), Cachy()),
        Who.Amiens => CommuneOf(AmiensMetropole(), Amiens()),
        Who.AmiensMetropole => (AmiensMetropole(), null),
        Who.Departement => (Departement(), null),
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
    };

    public static Tenant BaieDeSomme()
    {
        var epci = Tenant.Create(TenantKind.CommunauteAgglomeration, "CA de la Baie de Somme", Siren.Parse(BaieDeSommeSiren));
        epci.JoinSyndicate(MembersSince, Source);
        epci.RecordPopulations(51060, toYear: 2023);
        epci.RecordPopulations(48643, fromYear: 2024);
        epci.DeclareWorkstations(60);
        return epci;
    }

    public static Tenant Abbeville(int? workstations)
    {
        var commune = Tenant.Create(TenantKind.Commune, "Abbeville", Siren.Parse(AbbevilleSiren), "80001");
        commune.RecordPopulations(22395);
        if (workstations is { } count) commune.DeclareWorkstations(count);
        return commune;
    }

    public static Tenant Ternois(DateOnly? joins)
    {
        var epci = Tenant.Create(TenantKind.CommunauteCommunes, "CC du Ternois", Siren.Parse(TernoisSiren));
        if (joins is { } from) epci.JoinSyndicate(from, "Délibération d'adhésion (scénario de test)");
        epci.RecordPopulations(37786);
        epci.DeclareWorkstations(30);
        return epci;
    }

    public static Tenant VitzSurAuthie()
    {
        var commune = Tenant.Create(TenantKind.Commune, "Vitz-sur-Authie", Siren.Parse(VitzSurAuthieSiren), "80810");
        commune.RecordPopulations(136);
        commune.DeclareWorkstations(3);
        return commune;
    }

    public static Tenant ValDeSomme()
    {
        var epci = Tenant.Create(TenantKind.CommunauteCommunes, "CC du Val de Somme", Siren.Parse(ValDeSommeSiren));
        epci.JoinSyndicate(MembersSince, Source);
        epci.RecordPopulations(26687);
        return epci;
    }

    public static Tenant Cachy()
    {
        var commune = Tenant.Create(TenantKind.Commune, "Cachy", Siren.Parse(CachySiren), "80159");
        commune.RecordPopulations(300);
        commune.DeclareWorkstations(2);
        return commune;
    }

    public static Tenant AmiensMetropole()
    {
        var epci = Tenant.Create(TenantKind.CommunauteAgglomeration, "CA Amiens Métropole", Siren.Parse(AmiensMetropoleSiren));
        epci.JoinSyndicate(MembersSince, Source);
        epci.RecordPopulations(182600, toYear: 2023);
        epci.RecordPopulations(180000, fromYear: 2024);
        epci.DeclareWorkstations(900);
        return epci;
    }

    public static Tenant Amiens()
    {
        var commune = Tenant.Create(TenantKind.Commune, "Amiens", Siren.Parse(AmiensSiren), "80021");
        commune.RecordPopulations(133000);
        commune.DeclareWorkstations(1200);
        return commune;
    }

    public static Tenant Departement()
    {
        var departement = Tenant.Create(TenantKind.Departement, "Département de la Somme", Siren.Parse(DepartementSiren));
        departement.JoinSyndicate(MembersSince, Source);
        departement.RecordPopulations(571879);
        departement.DeclareWorkstations(2500);
        return departement;
    }

    private static (Tenant, Tenant?) CommuneOf(Tenant epci, Tenant commune)
    {
        commune.AttachToEpci(epci);
        return (commune, epci);
    }
}

/// <summary>
/// The populations of the test tenants. Billing uses the figure recorded for the billed year only (no other year's
/// figure replaces a missing one), so the fixture records its figure for every year the tests price.
/// </summary>
internal static class TestPopulations
{
    public static void RecordPopulations(this SommeNumerique.Saas.Domain.Tenancy.Tenant tenant, int population, int fromYear = 2015, int toYear = 2030)
    {
        for (var year = fromYear; year <= toYear; year++) tenant.RecordPopulation(year, population, "Jeu d'essai des tests");
    }
}
