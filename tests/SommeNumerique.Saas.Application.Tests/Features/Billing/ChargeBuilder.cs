using Mediator;
using SommeNumerique.Saas.Application.Features.Billing.Charges;
using SommeNumerique.Saas.Application.Features.Billing.Charges.Rules;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Invoicing;
using SommeNumerique.Saas.Domain.Subscriptions;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Tests.Features.Billing;

/// <summary>A tenant (with its EPCI when it is a commune of one) that a charge is priced for.</summary>
internal sealed record Payer(Tenant Tenant, Tenant? Epci);

/// <summary>One subscription of a payer to an offer: what a charge is built from.</summary>
internal sealed record Charge(Payer Payer, CatalogueItem Item, Offer Offer, Subscription Subscription)
{
    /// <summary>The input of the pipeline for the whole billing period containing 1 January of <paramref name="year"/>.</summary>
    public ChargeInput For(int year, AlreadyBilled? billed = null)
    {
        var period = BillingPeriod.Containing(new DateOnly(year, 1, 1), Item.BillingAlignment);
        return new ChargeInput(Payer.Tenant, Payer.Epci, Item, Offer, Subscription, period,
            period.Start, new DateOnly(period.End.Year, period.End.Month, 1), billed ?? AlreadyBilled.Nothing);
    }
}

/// <summary>
/// Builds the domain objects the billing pipeline prices, through the domain's own factories: catalogue items
/// with the voted tariffs of /work/shared/domain/catalogue.json (written out BY HAND so that every test states the
/// facts it relies on), real Somme tenants (SIRENs from data/etalab, all Luhn-valid), subscriptions, inputs,
/// prepared charge sheets, and the ten rules in their documented order. Each call builds fresh objects.
/// </summary>
internal static class ChargeBuilder
{
    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static readonly Actor Secretary = new(Guid.Parse("0f3e2a41-7b1c-4d7e-8f7a-1c2d3e4f5a60"), "Secrétaire de mairie", IsStaff: false);
    public static readonly Actor Staff = new(Guid.Parse("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), "Agent de Somme Numérique", IsStaff: true);
    public static readonly DateTimeOffset At = new(2025, 1, 1, 9, 30, 0, TimeSpan.FromHours(1));

    // ------------------------------------------------------------------ catalogue (catalogue.json)

    // Not in the seeds: an accounting imputation is required by CatalogueItem.Create.
    private const string ServicesAccount = "706";
    private const string ContributionsAccount = "7474";

    private static Deliberation Comite07102024(string reference) => new("Comité syndical", D(2024, 10, 7), reference);

    /// <summary>A per-unit tariff version (annual HT prices), e.g. a later deliberation raising a price.</summary>
    public static TariffVersion PerUnitVersion(DateOnly effectiveFrom, decimal? member, decimal? nonMember,
        SetupFee? setupFee = null, VatCategory vat = VatCategory.Standard) =>
        TariffVersion.Create(new TariffTerms
        {
            Deliberation = new Deliberation("Comité syndical", effectiveFrom, "Révision du tarif (scénario de test)"),
            EffectiveFrom = effectiveFrom,
            Model = PricingModel.PerUnitPerYear,
            Vat = vat,
            MemberPrice = member,
            NonMemberPrice = nonMember,
            SetupFee = setupFee,
        });

    /// <summary>COFFRE-FORT: 35 / 40 € HT per vault (agent) per year from 07/10/2024, 36-month commitment, first year free.</summary>
    public static CatalogueItem CoffreFort(bool firstYearFree = true)
    {
        var item = CatalogueItem.Create("COFFRE-FORT", "Coffre-fort de mots de passe", "coffre (agent)", ServicesAccount);
        item.SetComponents([new ServiceComponent("COFFRE-FORT", "Coffre-fort de mots de passe", 36)]);
        item.SetRules(firstYearFree, EligibilityRules.Anyone, BillingAlignment.CalendarYear, epciMaySubscribeForCommunes: false);
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

    /// <summary>ENT: school workspace, 6.50 € per pupil account from 01/09/2018, out of VAT scope, billed by school year.</summary>
    public static CatalogueItem Ent()
    {
        var item = CatalogueItem.Create("ENT", "Espace Numérique de Travail (écoles)", "compte élève", ContributionsAccount);
        item.SetRules(firstYearFree: false, EligibilityRules.Anyone, BillingAlignment.SchoolYear, epciMaySubscribeForCommunes: false);
        var offer = item.AddOffer("ENT", "Espace Numérique de Travail");
        offer.AddVersion(PerUnitVersion(D(2018, 9, 1), 6.50m, 6.50m, vat: VatCategory.OutOfScope));
        return item;
    }

    /// <summary>FTTH-GFU, offer FTTH-INITIALE: members and communes of member EPCI only; 430 € HT from 17/06/2024, 460 € HT from 07/10/2024, no non-member price.</summary>
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
        }));
        initiale.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = Comite07102024("Délibération 2 — enrichissement de l'offre initiale FTTH"),
            EffectiveFrom = D(2024, 10, 7),
            Model = PricingModel.PerUnitPerYear,
            Vat = VatCategory.Standard,
            MemberPrice = 460.00m,
        }));
        return item;
    }

    /// <summary>DEMAT-FLUX-COMPTABLES: 0.07 € (commune) / 0.05 € (EPCI) HT per inhabitant per year, floor 50.00, cap 5 000.00 € HT; VAT 20 %.</summary>
    public static CatalogueItem DematFluxComptables()
    {
        var item = CatalogueItem.Create("DEMAT-FLUX-COMPTABLES", "Dématérialisation des flux comptables (PES V2, parapheur)", "habitant", ServicesAccount);
        var offer = item.AddOffer("DEMAT-FLUX-COMPTABLES", "Dématérialisation des flux comptables");
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
            Deliberation = new Deliberation("Bureau", D(2016, 11, 28), "Budget primitif 2017"),
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

    /// <summary>COTISATION: direct members only, out of VAT scope; 0.65 € per inhabitant (other member EPCI), 0.50 Département, 0.70 CA Amiens Métropole; no floor, no cap.</summary>
    public static CatalogueItem Cotisation()
    {
        var item = CatalogueItem.Create("COTISATION", "Cotisation statutaire des membres", "habitant", ContributionsAccount);
        item.SetRules(false, new EligibilityRules(Membership: MembershipRequirement.DirectMembersOnly), BillingAlignment.CalendarYear, false);
        var offer = item.AddOffer("COTISATION", "Cotisation statutaire");
        offer.AddVersion(TariffVersion.Create(new TariffTerms
        {
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

    /// <summary>The tariff in force on <paramref name="day"/> of the item's first offer.</summary>
    public static TariffVersion VersionOf(CatalogueItem item, DateOnly day) =>
        item.Offers[0].VersionInForceOn(day) ?? throw new InvalidOperationException($"No tariff of {item.Code} in force on {day}.");

    // ------------------------------------------------------------------ tenants

    public const string BaieDeSommeSiren = "200070993";
    public const string AbbevilleSiren = "218000016";
    public const string TernoisSiren = "200069672";
    public const string VitzSurAuthieSiren = "218007615";
    public const string ValDeSommeSiren = "248000499";
    public const string CachySiren = "218001527";
    public const string AmiensSiren = "218000198";
    public const string AmiensMetropoleSiren = "248000531";
    public const string DepartementSiren = "228000014";
    /// <summary>Fictional tenants (Luhn-valid SIRENs that name no real body).</summary>
    public const string HameauSiren = "218099992";
    public const string GrandeIntercoSiren = "200999993";

    public static readonly DateOnly MembersSince = D(2017, 1, 1);
    private const string Source = "Rapport d'activité 2019 : membre du syndicat mixte";

    /// <summary>CA de la Baie de Somme: member since 2017, 48 643 inhabitants (2024).</summary>
    public static Payer BaieDeSomme() => new(BaieDeSommeEpci(), null);

    /// <summary>Abbeville, commune of the CA de la Baie de Somme (member): member prices; 22 395 inhabitants.</summary>
    public static Payer Abbeville()
    {
        var commune = Tenant.Create(TenantKind.Commune, "Abbeville", Siren.Parse(AbbevilleSiren), "80001");
        commune.RecordPopulations(22395);
        var epci = BaieDeSommeEpci();
        commune.AttachToEpci(epci);
        return new(commune, epci);
    }

    /// <summary>CC du Ternois, not a member (unless <paramref name="joins"/>); 37 786 inhabitants.</summary>
    public static Payer Ternois(DateOnly? joins = null) => new(TernoisEpci(joins), null);

    /// <summary>Vitz-sur-Authie, commune of the CC du Ternois (not a member unless <paramref name="ternoisJoins"/>): non-member prices; 136 inhabitants.</summary>
    public static Payer VitzSurAuthie(DateOnly? ternoisJoins = null)
    {
        var commune = Tenant.Create(TenantKind.Commune, "Vitz-sur-Authie", Siren.Parse(VitzSurAuthieSiren), "80810");
        commune.RecordPopulations(136);
        var epci = TernoisEpci(ternoisJoins);
        commune.AttachToEpci(epci);
        return new(commune, epci);
    }

    /// <summary>CC du Val de Somme, a direct member since 2017 (leaving on <paramref name="leavesAfter"/>, its last day as a member, when given).</summary>
    public static Payer ValDeSomme(DateOnly? leavesAfter = null)
    {
        var epci = ValDeSommeEpci();
        if (leavesAfter is { } lastDay) epci.LeaveSyndicate(lastDay);
        return new(epci, null);
    }

    /// <summary>Cachy, 300 inhabitants, commune of the CC du Val de Somme (member).</summary>
    public static Payer Cachy() => SmallCommune("Cachy", CachySiren, "80159", 300);

    /// <summary>A commune of the CC du Val de Somme with <paramref name="population"/> inhabitants.</summary>
    public static Payer SmallCommune(string name, string siren, string insee, int population)
    {
        var commune = Tenant.Create(TenantKind.Commune, name, Siren.Parse(siren), insee);
        commune.RecordPopulations(population);
        var epci = ValDeSommeEpci();
        commune.AttachToEpci(epci);
        return new(commune, epci);
    }

    /// <summary>A fictional hamlet of 40 inhabitants (commune of the CC du Val de Somme).</summary>
    public static Payer Hameau40() => SmallCommune("Hameau-sur-Somme", HameauSiren, "80999", 40);

    /// <summary>Amiens, 133 000 inhabitants, commune of CA Amiens Métropole.</summary>
    public static Payer Amiens()
    {
        var commune = Tenant.Create(TenantKind.Commune, "Amiens", Siren.Parse(AmiensSiren), "80021");
        commune.RecordPopulations(133000);
        var epci = AmiensMetropoleEpci();
        commune.AttachToEpci(epci);
        return new(commune, epci);
    }

    /// <summary>CA Amiens Métropole, member; 182 600 inhabitants (2019), 180 000 (2024).</summary>
    public static Payer AmiensMetropole() => new(AmiensMetropoleEpci(), null);

    /// <summary>A fictional member community of agglomeration of <paramref name="population"/> inhabitants.</summary>
    public static Payer GrandeInterco(int population)
    {
        var epci = Tenant.Create(TenantKind.CommunauteAgglomeration, "CA fictive du Grand Santerre", Siren.Parse(GrandeIntercoSiren));
        epci.JoinSyndicate(MembersSince, Source);
        epci.RecordPopulations(population);
        return new(epci, null);
    }

    /// <summary>A CCAS (établissement public): no per-inhabitant rate is voted for its kind.</summary>
    public static Payer Ccas()
    {
        var ccas = Tenant.Create(TenantKind.EtablissementPublic, "CCAS d'Abbeville", Siren.Parse(AbbevilleSiren));
        ccas.RecordPopulations(22395);
        return new(ccas, null);
    }

    /// <summary>A commune whose population was never recorded.</summary>
    public static Payer CommuneWithoutPopulation()
    {
        var commune = Tenant.Create(TenantKind.Commune, "Cachy", Siren.Parse(CachySiren), "80159");
        var epci = ValDeSommeEpci();
        commune.AttachToEpci(epci);
        return new(commune, epci);
    }

    private static Tenant BaieDeSommeEpci()
    {
        var epci = Tenant.Create(TenantKind.CommunauteAgglomeration, "CA de la Baie de Somme", Siren.Parse(BaieDeSommeSiren));
        epci.JoinSyndicate(MembersSince, Source);
        epci.RecordPopulations(51060, toYear: 2023);
        epci.RecordPopulations(48643, fromYear: 2024);
        return epci;
    }

    private static Tenant TernoisEpci(DateOnly? joins)
    {
        var epci = Tenant.Create(TenantKind.CommunauteCommunes, "CC du Ternois", Siren.Parse(TernoisSiren));
        if (joins is { } from) epci.JoinSyndicate(from, "Délibération d'adhésion (scénario de test)");
        epci.RecordPopulations(37786);
        return epci;
    }

    private static Tenant ValDeSommeEpci()
    {
        var epci = Tenant.Create(TenantKind.CommunauteCommunes, "CC du Val de Somme", Siren.Parse(ValDeSommeSiren));
        epci.JoinSyndicate(MembersSince, Source);
        epci.RecordPopulations(26687);
        return epci;
    }

    private static Tenant AmiensMetropoleEpci()
    {
        var epci = Tenant.Create(TenantKind.CommunauteAgglomeration, "CA Amiens Métropole", Siren.Parse(AmiensMetropoleSiren));
        epci.JoinSyndicate(MembersSince, Source);
        epci.RecordPopulations(182600, toYear: 2023);
        epci.RecordPopulations(180000, fromYear: 2024);
        return epci;
    }

    // ------------------------------------------------------------------ subscriptions

    /// <summary>
    /// <paramref name="payer"/> subscribes <paramref name="quantity"/> units of the item's first offer (or
    /// <paramref name="offerCode"/>) from <paramref name="start"/>; <paramref name="firstEver"/>: its first
    /// subscription to the item (first-year gratuity when the item grants it).
    /// </summary>
    public static Charge Subscribe(Payer payer, CatalogueItem item, int quantity, DateOnly start, bool firstEver = true, string? offerCode = null)
    {
        var offer = offerCode is null ? item.Offers[0] : item.Offers.Single(o => o.Code == offerCode);
        var subscription = Subscription.Subscribe(
            new SubscriptionTerms(payer.Tenant.Id, item, offer, quantity, start, firstEver, ForMemberCommunes: false), Secretary, At);
        return new Charge(payer, item, offer, subscription);
    }

    /// <summary>What issued invoices billed: <paramref name="units"/> for every month from <paramref name="firstMonth"/> to <paramref name="lastMonth"/>.</summary>
    public static AlreadyBilled Billed(int units, DateOnly firstMonth, DateOnly lastMonth, int setupBlocks = 0) =>
        new(MonthsFrom(firstMonth, lastMonth).ToDictionary(m => m, _ => units), setupBlocks);

    // ------------------------------------------------------------------ prepared sheets

    /// <summary>First days of the months from <paramref name="firstMonth"/> to <paramref name="lastMonth"/>, both included.</summary>
    public static IEnumerable<DateOnly> MonthsFrom(DateOnly firstMonth, DateOnly lastMonth)
    {
        for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1)) yield return month;
    }

    /// <summary>A sheet as the rules before the one under test would leave it: one month per due month, filled by <paramref name="fill"/>.</summary>
    public static ChargeSheet Sheet(DateOnly firstMonth, DateOnly lastMonth, Action<ChargeMonth>? fill = null) =>
        Sheet(MonthsFrom(firstMonth, lastMonth), fill);

    public static ChargeSheet Sheet(IEnumerable<DateOnly> months, Action<ChargeMonth>? fill = null)
    {
        var sheet = new ChargeSheet();
        foreach (var first in months)
        {
            var month = new ChargeMonth(first);
            fill?.Invoke(month);
            sheet.Months.Add(month);
        }
        return sheet;
    }

    /// <summary>Fills a month as price list, tariff version and quantity rules would (per-unit tariffs).</summary>
    public static Action<ChargeMonth> Priced(TariffVersion version, PriceList list, int units) => month =>
    {
        month.PriceList = list;
        month.Version = version;
        month.AnnualUnitPrice = version.UnitPrice(list) ?? 0m;
        month.Units = units;
    };

    /// <summary>A line as an earlier rule would have built it.</summary>
    public static ChargeLine Line(ChargeLineKind kind, TariffVersion version, decimal amountHt, DateOnly? from = null, DateOnly? to = null) => new()
    {
        Kind = kind,
        Label = kind.ToString(),
        Version = version,
        FromMonth = from ?? D(2026, 1, 1),
        ToMonth = to ?? D(2026, 12, 1),
        MonthCount = 12,
        AmountHt = amountHt,
    };

    // ------------------------------------------------------------------ the pipeline

    /// <summary>The ten rules, in the order of <see cref="ChargeRules.InOrder"/> (what Web/MediatorConfiguration.cs registers).</summary>
    public static IReadOnlyList<ChargeRule> RulesInOrder() => ChargeRules.Create();

    /// <summary>
    /// Prices a charge as Mediator would: each rule's pipeline behaviour (which calls its Apply unless the charge
    /// was set aside) in the documented order, then the handler.
    /// </summary>
    public static async Task<ChargeResult> PriceAsync(ChargeInput input)
    {
        var handler = new PriceChargeHandler();
        MessageHandlerDelegate<PriceCharge, ChargeResult> next = handler.Handle;
        foreach (var rule in RulesInOrder().Reverse())
        {
            var inner = next;
            next = (message, ct) => rule.Handle(message, inner, ct);
        }
        return await next(new PriceCharge(input), CancellationToken.None);
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
