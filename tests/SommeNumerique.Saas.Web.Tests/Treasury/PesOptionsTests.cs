using SommeNumerique.Saas.Application.Features.Treasury;

namespace SommeNumerique.Saas.Web.Tests.Treasury;

/// <summary>The PES fields of later DGFiP schema versions follow the configured version (the VAT per line is tested in the domain).</summary>
public sealed class PesOptionsTests
{
    [Theory]
    [InlineData("2.1.a", false)]
    [InlineData("2.1", false)]
    [InlineData("2.0.9", false)]
    [InlineData("2.1.b", true)]
    [InlineData("2.2", true)]
    [InlineData("4.7.1", true)]
    [InlineData("10.0", true)]
    public void Later_PES_fields_are_written_only_after_schema_2_1_a(string version, bool later) =>
        Assert.Equal(later, new PesOptions { SchemaVersion = version }.HasLaterFields);
}
