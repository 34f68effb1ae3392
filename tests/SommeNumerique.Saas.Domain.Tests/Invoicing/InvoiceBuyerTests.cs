using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Domain.Tests.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Invoicing;

/// <summary>The buyer printed on an invoice, taken from the tenant's record when the invoice is created.</summary>
public sealed class InvoiceBuyerTests
{
    private static readonly string AbbevilleSiret = TestTenants.SiretOf(TestTenants.AbbevilleSiren);

    [Fact]
    public void The_buyer_is_the_tenant_with_its_billing_address_contact_and_public_references()
    {
        var abbeville = TestTenants.Abbeville();
        abbeville.SetBillingDetails(new PostalAddress("Place de l'Hôtel de Ville", "Service financier", "80100", "Abbeville"),
            new BillingContact("Mme Dupont", "finances@abbeville.test", null));
        abbeville.SetPublicBuyerReferences(AbbevilleSiret, "FINANCES", "EJ-17");

        var buyer = InvoiceBuyer.From(abbeville);

        Assert.Equal("Abbeville", buyer.Name);
        Assert.Equal(TestTenants.AbbevilleSiren, buyer.Siren);
        Assert.Equal("Place de l'Hôtel de Ville\nService financier\n80100 Abbeville", buyer.AddressLines);
        Assert.Equal("Place de l'Hôtel de Ville", buyer.Street);
        Assert.Equal("80100", buyer.PostalCode);
        Assert.Equal("Abbeville", buyer.City);
        Assert.Equal("finances@abbeville.test", buyer.ContactEmail);
        Assert.Equal(AbbevilleSiret, buyer.Siret);
        Assert.Equal("FINANCES", buyer.ServiceCode);
        Assert.Equal("EJ-17", buyer.EngagementNumber);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_address_without_a_second_line_prints_two_lines(string? line2)
    {
        var abbeville = TestTenants.Abbeville();
        abbeville.SetBillingDetails(new PostalAddress("1 place Max Lejeune", line2, "80100", "Abbeville"), null);

        var buyer = InvoiceBuyer.From(abbeville);

        Assert.Equal("1 place Max Lejeune\n80100 Abbeville", buyer.AddressLines);
        Assert.Null(buyer.ContactEmail);
    }

    [Fact]
    public void A_tenant_without_billing_details_gives_a_buyer_with_its_name_and_siren_only()
    {
        var buyer = InvoiceBuyer.From(TestTenants.AmiensMetropole());

        Assert.Equal(new InvoiceBuyer("Amiens Métropole", TestTenants.AmiensMetropoleSiren, null, null), buyer);
        Assert.Null(buyer.Street);
        Assert.Null(buyer.Siret);
    }

    [Fact]
    public void The_buyer_is_a_snapshot_a_later_change_of_the_tenant_does_not_alter()
    {
        var abbeville = TestTenants.Abbeville();
        abbeville.SetBillingDetails(new PostalAddress("1 place Max Lejeune", null, "80100", "Abbeville"), null);
        var buyer = InvoiceBuyer.From(abbeville);

        abbeville.SetBillingDetails(new PostalAddress("2 rue du Moulin", null, "80100", "Abbeville"), null);

        Assert.Equal("1 place Max Lejeune\n80100 Abbeville", buyer.AddressLines);
    }
}
