using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Tests.Catalogue;

/// <summary>
/// The priced items of /work/shared/domain/catalogue.json, written out BY HAND (the file is not read), so that
/// a test states the voted facts it relies on. Each call builds fresh objects.
/// <para>
/// Facts the seeds do not give are marked "not in the seeds": the compte de nature (NatureAccount) of every
/// item (required by the model, so a placeholder is used), and the day of three deliberations (left null).
/// </para>
/// </summary>
internal static class VotedCatalogue
{
    // Not in the seeds: an accounting imputation is required by CatalogueItem.Create.
    private const string ServicesAccount = "706";
    private const string ContributionsAccount = "7474";

    public const string DepartementSiren = "228000014";
    public const string AmiensMetropoleSiren = "248000531";

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>Comité syndical du 07/10/2024 (seed 003), deliberation 1 (A, B, C) or 2.</summary>
    private static Deliberation Comite07102024(string reference) => new("Comité syndical", D(2024, 10, 7), reference);

    /// <summary>Every priced item of catalogue.json, in the order of the file.</summary>
    public static IReadOnlyList<CatalogueItem> All() =>
        [CoffreFort(), PackCyber(), PackHauteSecurite(), FtthGfu(), DematFluxComptables(), Cotisation(), Ent()];

    /// <summary>The item and offer holding <paramref name="offerCode"/>.</summary>
    public static (CatalogueItem Item, Offer Offer) Find(string offerCode)
    {
        foreach (var item in All())
        {
            var offer = item.Offers.SingleOrDefault(o => o.Code == offerCode);
            if (offer is not null) return (item, offer);
        }
        throw new ArgumentException($"No offer {offerCode} in the voted catalogue.", nameof(offerCode));
    }

    /// <summary>COFFRE-FORT: 35 / 40 € HT per vault (agent) per year, 3-year commitment, first year free.</summary>
    public static CatalogueItem CoffreFort()
    {
        var item = CatalogueItem.Create("COFFRE-FORT", "Coffre-fort de mots de passe", "coffre (agent)", ServicesAccount);
        item.Describe("COFFRE-FORT", "Coffre-fort de mots de passe",
            "Service mutualisé de coffre-fort de mots de passe hébergé dans le data center de Somme Numérique; 1 coffre = 1 agent.",
            "coffre (agent)", "003_27e19edfb9bfa015.txt — Comité syndical du 07/10/2024, délibération 1 (A)");
        // catalogue.json states the 36-month commitment on the item; the model carries commitments on components only.
        item.SetComponents([new ServiceComponent("COFFRE-FORT", "Coffre-fort de mots de passe", 36)]);
        item.SetRules(firstYearFree: true, EligibilityRules.Anyone, BillingAlignment.CalendarYear, epciMaySubscribeForCommunes: false);
        var offer = item.AddOffer("COFFRE-FORT", "Coffre-fort de mots de passe (1 coffre = 1 agent)");
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = Comite07102024("Délibération 1 (A) — service mutualisé de coffre-fort de mots de passe"),
            EffectiveFrom = D(2024, 10, 7),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.Standard,
            MemberPrice = 35.00m,
            NonMemberPrice = 40.00m,
        }));
        return item;
    }

    /// <summary>PACK-CYBER: 30 / 35 € HT per agent per year, setup 75 / 90 € HT per started block of 7 workstations.</summary>
    public static CatalogueItem PackCyber()
    {
        var item = CatalogueItem.Create("PACK-CYBER", "Pack « Cybersécurité »", "agent", ServicesAccount);
        item.Describe("PACK-CYBER", "Pack « Cybersécurité »",
            "1 licence antivirus WithSecure + 1 coffre-fort de mot de passe, par agent.",
            "agent", "003_27e19edfb9bfa015.txt — Comité syndical du 07/10/2024, délibération 1 (B)");
        item.SetComponents(
        [
            new ServiceComponent("ANTIVIRUS", "Licence antivirus WithSecure", 36),
            new ServiceComponent("COFFRE-FORT", "Coffre-fort de mot de passe", 12),
        ]);
        var offer = item.AddOffer("PACK-CYBER", "Pack « Cybersécurité »");
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = Comite07102024("Délibération 1 (B) — pack « Cybersécurité »"),
            EffectiveFrom = D(2024, 10, 7),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.Standard,
            MemberPrice = 30.00m,
            NonMemberPrice = 35.00m,
            SetupFee = new SetupFee(BlockSize: 7, MemberAmount: 75.00m, NonMemberAmount: 90.00m),
        }));
        return item;
    }

    /// <summary>PACK-HAUTE-SECURITE: 150 / 165 € HT per agent per year, for fewer than 25 workstations.</summary>
    public static CatalogueItem PackHauteSecurite()
    {
        var item = CatalogueItem.Create("PACK-HAUTE-SECURITE", "Pack « Haute sécurité »", "agent", ServicesAccount);
        item.Describe("PACK-HAUTE-SECURITE", "Pack « Haute sécurité »",
            "1 licence antivirus WithSecure + 1 coffre-fort de mot de passe + l'assistance informatique, par agent. Sous réserve des prescriptions minimales du matériel, hors coût d'audit initial.",
            "agent", "003_27e19edfb9bfa015.txt — Comité syndical du 07/10/2024, délibération 1 (C)");
        item.SetComponents(
        [
            new ServiceComponent("ANTIVIRUS", "Licence antivirus WithSecure", 36),
            new ServiceComponent("COFFRE-FORT", "Coffre-fort de mot de passe", 36),
            new ServiceComponent("ASSISTANCE", "Assistance informatique", 36),
        ]);
        item.SetRules(false, new EligibilityRules(MaxWorkstationsExclusive: 25), BillingAlignment.CalendarYear, false);
        var offer = item.AddOffer("PACK-HAUTE-SECURITE", "Pack « Haute sécurité »");
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = Comite07102024("Délibération 1 (C) — pack « Haute sécurité »"),
            EffectiveFrom = D(2024, 10, 7),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.Standard,
            MemberPrice = 150.00m,
            NonMemberPrice = 165.00m,
        }));
        return item;
    }

    /// <summary>
    /// FTTH-GFU: members and communes of member EPCI only. Priced offers: FTTH-INITIALE (430 then 460 € HT per
    /// public site per year) and FTTH-EXCLUSIVE-100M (840 € HT). The offers named without a price in the seeds
    /// (FTTH-CONNECT, FTTH-EXCLUSIVE-1G, FTTH-EXCLUSIVE-10G) are added without a tariff, unpublished.
    /// </summary>
    public static CatalogueItem FtthGfu()
    {
        var item = CatalogueItem.Create("FTTH-GFU", "Accès fibre du Groupement Fermé d'Utilisateurs (GFU)", "site public", ServicesAccount);
        item.SetRules(false, new EligibilityRules(Membership: MembershipRequirement.MembersAndTheirCommunes), BillingAlignment.CalendarYear, false);

        var initiale = item.AddOffer("FTTH-INITIALE", "Offre initiale — GFU FTTH accès simple, jusqu'à 1 Gbps asymétrique non garanti");
        initiale.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = new Deliberation("Comité syndical", D(2024, 6, 17), "Offre de service FTTH accès simple"),
            EffectiveFrom = D(2024, 6, 17),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.Standard,
            MemberPrice = 430.00m,
            NonMemberPrice = null,
        }));
        initiale.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = Comite07102024("Délibération 2 — enrichissement de l'offre initiale FTTH"),
            EffectiveFrom = D(2024, 10, 7),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.Standard,
            MemberPrice = 460.00m,
            NonMemberPrice = null,
        }));

        item.AddOffer("FTTH-CONNECT", "Offre connect (fibre mutualisée)");

        var exclusive100 = item.AddOffer("FTTH-EXCLUSIVE-100M", "Offre exclusive 100 Mb (fibre dédiée, 100 Mb/s symétrique minimum)");
        exclusive100.AddVersion(TariffVersion.Create(new TariffTerms
        {
            // Not in the seeds: the 2019 activity report (seed 002) gives no deliberation day.
            Deliberation = new Deliberation("Comité syndical", null, "Contribution annuelle GFU (rapport d'activité 2019)"),
            EffectiveFrom = D(2019, 1, 1),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.Standard,
            MemberPrice = 840.00m,
            NonMemberPrice = null,
        }));

        item.AddOffer("FTTH-EXCLUSIVE-1G", "Offre exclusive 1 Gb (fibre dédiée)");
        item.AddOffer("FTTH-EXCLUSIVE-10G", "Offre exclusive 10 Gb (fibre dédiée)");
        return item;
    }

    /// <summary>DEMAT-FLUX-COMPTABLES: 0.07 € (commune) / 0.05 € (EPCI) HT per inhabitant, floor 50, cap 5 000 € HT.</summary>
    public static CatalogueItem DematFluxComptables()
    {
        var item = CatalogueItem.Create("DEMAT-FLUX-COMPTABLES", "Dématérialisation des flux comptables (PES V2, parapheur)", "habitant", ServicesAccount);
        var offer = item.AddOffer("DEMAT-FLUX-COMPTABLES", "Dématérialisation des flux comptables");
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = new Deliberation("Bureau", D(2016, 11, 28), "Budget primitif 2017 — contribution au service mutualisé de dématérialisation des flux comptables"),
            EffectiveFrom = D(2017, 1, 1),
            Model = PricingModel.PerInhabitantPerYear,
            Vat = VatCategory.Standard,
            CommuneRate = 0.07m,
            EpciRate = 0.05m,
            Floor = 50.00m,
            Cap = 5000.00m,
        }));
        return item;
    }

    /// <summary>COTISATION: statutory contribution of the direct members, out of VAT scope, 0.50 / 0.70 / 0.65 € per inhabitant.</summary>
    public static CatalogueItem Cotisation()
    {
        var item = CatalogueItem.Create("COTISATION", "Cotisation statutaire des membres", "habitant", ContributionsAccount);
        item.SetRules(false, new EligibilityRules(Membership: MembershipRequirement.DirectMembersOnly), BillingAlignment.CalendarYear, false);
        var offer = item.AddOffer("COTISATION", "Cotisation statutaire");
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
            // Not in the seeds: seed 002 names the "budget primitif 2019" without its day.
            Deliberation = new Deliberation("Comité syndical", null, "Budget primitif 2019"),
            EffectiveFrom = D(2019, 1, 1),
            Model = PricingModel.PerInhabitantPerYear,
            Vat = VatCategory.OutOfScope,
            EpciRate = 0.65m,
            PayerRates =
            [
                new PayerRate(DepartementSiren, "Département de la Somme", 0.50m),
                new PayerRate(AmiensMetropoleSiren, "CA Amiens Métropole", 0.70m),
            ],
        }));
        return item;
    }

    /// <summary>ENT: contribution per pupil account, school year, out of VAT scope: 8.30 € from 2015, 6.50 € from 2018-2019.</summary>
    public static CatalogueItem Ent()
    {
        var item = CatalogueItem.Create("ENT", "Espace Numérique de Travail (écoles)", "compte élève", ContributionsAccount);
        item.SetRules(false, EligibilityRules.Anyone, BillingAlignment.SchoolYear, false);
        var offer = item.AddOffer("ENT", "Contribution par compte élève");
        // Not in the seeds: seed 002 gives the years, not the deliberation days.
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = new Deliberation("Comité syndical", null, "Charte ENT"),
            EffectiveFrom = D(2015, 9, 1),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.OutOfScope,
            MemberPrice = 8.30m,
            NonMemberPrice = 8.30m,
        }));
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = new Deliberation("Comité syndical", null, "Charte ENT, année scolaire 2018-2019"),
            EffectiveFrom = D(2018, 9, 1),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.OutOfScope,
            MemberPrice = 6.50m,
            NonMemberPrice = 6.50m,
        }));
        return item;
    }
}
