using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

/// <summary>Tenants built through <see cref="Tenant.Create"/> with real SIRENs.</summary>
internal static class TestTenants
{
    public const string DepartementSiren = "228000014";
    public const string AbbevilleSiren = "218000016";
    public const string AmiensMetropoleSiren = "248000531";
    public const string TernoisSiren = "200069672";

    /// <summary>A SIRET of <paramref name="siren"/>: the SIREN, the NIC <paramref name="nic"/> and the Luhn key that makes it valid.</summary>
    public static string SiretOf(string siren, string nic = "0001") =>
        Enumerable.Range(0, 10).Select(d => $"{siren}{nic}{d}").Single(candidate => Luhn.IsValid(candidate));

    public static Tenant Abbeville() =>
        Tenant.Create(TenantKind.Commune, "Abbeville", Siren.Parse(AbbevilleSiren), "80001");

    public static Tenant AmiensMetropole() =>
        Tenant.Create(TenantKind.CommunauteAgglomeration, "Amiens Métropole", Siren.Parse(AmiensMetropoleSiren));

    public static Tenant Ternois() =>
        Tenant.Create(TenantKind.CommunauteCommunes, "CC du Ternois", Siren.Parse(TernoisSiren));

    public static Tenant Departement() =>
        Tenant.Create(TenantKind.Departement, "Département de la Somme", Siren.Parse(DepartementSiren));

    public static Tenant OfKind(TenantKind kind) =>
        Tenant.Create(kind, $"Collectivité ({kind})", Siren.Parse(TernoisSiren), kind == TenantKind.Commune ? "80001" : null);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}
