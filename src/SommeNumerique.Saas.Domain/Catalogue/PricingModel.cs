namespace SommeNumerique.Saas.Domain.Catalogue;

/// <summary>How a tariff version turns a quantity into an annual amount.</summary>
public enum PricingModel
{
    /// <summary>Price per unit (vault, agent, mailbox, pupil account...) per year.</summary>
    PerUnitPerYear = 1,
    /// <summary>Rate per inhabitant per year (population of the billed year), by tenant kind or named payer, with floor and cap.</summary>
    PerInhabitantPerYear = 2,
    /// <summary>Flat price per public site per year.</summary>
    FlatPerSitePerYear = 3,
}

/// <summary>Which of the two price lists applies.</summary>
public enum PriceList
{
    Member = 1,
    NonMember = 2,
}
