namespace SommeNumerique.Saas.Domain.Catalogue.Pricing;

/// <summary>Why a tariff version cannot price a tenant; each caller words it (quote, billing set-aside).</summary>
public enum PricingFailure
{
    None = 0,
    /// <summary>The version has no price for the price list (e.g. no non-member price: members only).</summary>
    NoPriceForList = 1,
    /// <summary>Per inhabitant: no rate for the tenant's kind and no rate naming the tenant.</summary>
    NoRateForTenant = 2,
    /// <summary>Per inhabitant: the legal population of the priced year is not recorded (no other year replaces it).</summary>
    PopulationNotRecorded = 3,
}
