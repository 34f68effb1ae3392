using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Web.Tests.Infrastructure;

public static class TestSirets
{
    /// <summary>A valid SIRET of <paramref name="siren"/>: the SIREN, the NIC <paramref name="nic"/> and the Luhn key.</summary>
    public static string Of(string siren, string nic = "0001") =>
        Enumerable.Range(0, 10).Select(d => $"{siren}{nic}{d}").Single(candidate => Luhn.IsValid(candidate));
}
