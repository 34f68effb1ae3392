using SommeNumerique.Saas.Domain.TenantIsolation;
using System.Globalization;
using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Subscriptions;

public enum SubscriptionStatus
{
    Active = 1,
    /// <summary>A termination is recorded; the service runs until <see cref="Subscription.TerminationDate"/>.</summary>
    TerminationScheduled = 2,
    Terminated = 3,
}

/// <summary>From a date on, how many units are subscribed.</summary>
public sealed record QuantityStep(DateOnly From, int Quantity);

/// <summary>Who acts on a subscription: a tenant's user, or syndicate staff (who may override rules with a reason).</summary>
public sealed record Actor(Guid? UserId, string Name, bool IsStaff);

/// <summary>What a new subscription is.</summary>
public sealed record SubscriptionTerms(
    Guid TenantId, CatalogueItem Item, Offer Offer, int Quantity, DateOnly StartDate,
    bool FirstEverForItem, bool ForMemberCommunes);

/// <summary>
/// A tenant's subscription to an offer: quantity over time, commitment, first-year gratuity, termination,
/// and the full history of its changes (part of the public record).
/// </summary>
public sealed class Subscription : ITenantOwned
{
    private readonly List<QuantityStep> _steps = [];
    private readonly List<SubscriptionChange> _changes = [];

    private Subscription() { ItemCode = OfferCode = OfferName = ""; }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CatalogueItemId { get; private set; }
    public Guid OfferId { get; private set; }
    public string ItemCode { get; private set; }
    public string OfferCode { get; private set; }
    public string OfferName { get; private set; }
    public DateOnly StartDate { get; private set; }
    public BillingAlignment BillingAlignment { get; private set; }
    /// <summary>Quantity committed at subscription: it may not be decreased below during the commitment.</summary>
    public int CommittedQuantity { get; private set; }
    public int CommitmentMonths { get; private set; }
    /// <summary>Last day of the commitment (start + commitment months - 1 day); the start date when none.</summary>
    public DateOnly CommitmentEnd { get; private set; }
    /// <summary>Last day of the free first year (first 12 billed months, start month included), when granted.</summary>
    public DateOnly? GratuityEndsOn { get; private set; }
    /// <summary>An EPCI subscribing on behalf of all its member communes (it is billed, they see the service).</summary>
    public bool ForMemberCommunes { get; private set; }
    /// <summary>Last day of service once a termination is recorded.</summary>
    public DateOnly? TerminationDate { get; private set; }
    /// <summary>Optimistic concurrency token: every change increments it.</summary>
    public int Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<QuantityStep> QuantitySteps => _steps;
    public IReadOnlyList<SubscriptionChange> Changes => _changes;

    public static Subscription Subscribe(SubscriptionTerms terms, Actor actor, DateTimeOffset at)
    {
        var offer = terms.Offer;
        if (terms.Quantity < offer.MinQuantity || terms.Quantity > offer.MaxQuantity)
            throw new DomainException(offer.MaxQuantity is { } max
                ? $"La quantité doit être comprise entre {offer.MinQuantity} et {max}."
                : $"La quantité doit être d'au moins {offer.MinQuantity}.");

        var months = terms.Item.CommitmentMonths;
        var subscription = new Subscription
        {
            Id = Guid.NewGuid(),
            TenantId = terms.TenantId,
            CatalogueItemId = terms.Item.Id,
            OfferId = offer.Id,
            ItemCode = terms.Item.Code,
            OfferCode = offer.Code,
            OfferName = offer.Name,
            StartDate = terms.StartDate,
            BillingAlignment = terms.Item.BillingAlignment,
            CommittedQuantity = terms.Quantity,
            CommitmentMonths = months,
            CommitmentEnd = CommitmentEndFor(terms.StartDate, months),
            GratuityEndsOn = terms.Item.FirstYearFree && terms.FirstEverForItem ? GratuityEndFor(terms.StartDate) : null,
            ForMemberCommunes = terms.ForMemberCommunes,
            CreatedAt = at,
        };
        subscription._steps.Add(new QuantityStep(terms.StartDate, terms.Quantity));
        subscription.Record(actor, at, SubscriptionChangeKind.Subscribed, terms.StartDate,
            $"Souscription de {terms.Quantity} × {offer.Name} à compter du {FrenchText.Day(terms.StartDate)}"
            + (months > 0 ? $", engagement jusqu'au {FrenchText.Day(subscription.CommitmentEnd)}" : "")
            + (subscription.GratuityEndsOn is { } free ? $", gratuit jusqu'au {FrenchText.Day(free)}" : "") + ".",
            reason: null);
        return subscription;
    }

    /// <summary>Last day of a commitment of <paramref name="months"/> months from <paramref name="start"/>; the start itself when none.</summary>
    public static DateOnly CommitmentEndFor(DateOnly start, int months) => months > 0 ? start.AddMonths(months).AddDays(-1) : start;

    /// <summary>Last day of the free first year: the first 12 billed months, the start month included.</summary>
    public static DateOnly GratuityEndFor(DateOnly start) => Months.FirstDay(start).AddMonths(12).AddDays(-1);

    /// <summary>
    /// Units due for a month: the quantity on its last day of service (increases take effect at once, so a
    /// started month is due at the new quantity; a termination ends the service earlier).
    /// </summary>
    public int QuantityDueFor(DateOnly month)
    {
        var lastDay = Months.FirstDay(month).AddMonths(1).AddDays(-1);
        return QuantityOn(TerminationDate < lastDay ? TerminationDate.Value : lastDay);
    }

    /// <summary>Quantity in force on a day (0 before the start or after the termination).</summary>
    public int QuantityOn(DateOnly day)
    {
        if (day < StartDate || day > TerminationDate) return 0;
        QuantityStep? step = null; // a plain loop: billing asks this for every month of every charge
        foreach (var s in _steps)
            if (s.From <= day && (step is null || s.From > step.From)) step = s;
        return step?.Quantity ?? 0;
    }

    public SubscriptionStatus StatusOn(DateOnly today) =>
        TerminationDate is not { } end ? SubscriptionStatus.Active
        : today > end ? SubscriptionStatus.Terminated
        : SubscriptionStatus.TerminationScheduled;

    /// <summary>A decrease recorded for a later period, if any.</summary>
    public QuantityStep? PendingStep(DateOnly today) => _steps.Where(s => s.From > today && s.From > StartDate).MinBy(s => s.From);

    /// <summary>
    /// Changes the quantity from <paramref name="effectiveOn"/> (default: today). An increase takes effect on that
    /// day (today: at once, today's month is billed with it); a decrease takes effect at the start of a billing
    /// period not begun yet (the next one after that day, or that day if it starts a period), and during the
    /// commitment may not go below the committed quantity unless staff override it with a written reason.
    /// Staff alone may record a change effective on a past day, with a written reason (an order form signed
    /// earlier): it takes effect on that very day and replaces the steps recorded after it; the next billing run
    /// bills the difference with what was already invoiced.
    /// </summary>
    public void ChangeQuantity(int quantity, DateOnly today, Actor actor, DateTimeOffset at, string? reason = null, DateOnly? effectiveOn = null)
    {
        EnsureRunning(today);
        if (quantity < 1) throw new DomainException("La quantité doit être d'au moins 1 : pour arrêter le service, demandez la résiliation.");
        if (effectiveOn is { } past && past < today)
        {
            ChangeQuantityInThePast(quantity, past, today, actor, at, reason);
            return;
        }
        var day = effectiveOn ?? today;
        var from = day < StartDate ? StartDate : day;
        var current = QuantityOn(from);
        var pending = StepAfter(from);
        if (quantity == current && pending is null) throw new DomainException($"La quantité est déjà de {quantity}.");

        if (quantity >= current)
        {
            RemoveStepsAfter(from); // a new decision replaces a pending decrease
            _steps.RemoveAll(s => s.From == from);
            _steps.Add(new QuantityStep(from, quantity));
            Record(actor, at, SubscriptionChangeKind.QuantityIncreased, from,
                quantity == current ? $"Diminution annulée : la quantité reste de {quantity}." : $"Quantité portée de {current} à {quantity}, à compter du {FrenchText.Day(from)}.", reason);
            return;
        }

        // A decrease never touches a period already begun: the next period, or the chosen day when a (future) period starts on it.
        var period = BillingPeriod.Containing(from, BillingAlignment);
        var effective = effectiveOn is not null && from > today && from > StartDate && from == period.Start ? from : period.Next(BillingAlignment).Start;
        EnsureCommitmentAllows(quantity, effective, actor, reason);
        RemoveStepsAfter(from);
        _steps.RemoveAll(s => s.From == effective);
        _steps.Add(new QuantityStep(effective, quantity));
        Record(actor, at, SubscriptionChangeKind.QuantityDecreased, effective,
            $"Quantité ramenée de {current} à {quantity} à compter du {FrenchText.Day(effective)} (période de facturation suivante).", reason);
    }

    /// <summary>Staff record a change decided earlier: effective on that day, with a reason; later steps are replaced.</summary>
    private void ChangeQuantityInThePast(int quantity, DateOnly day, DateOnly today, Actor actor, DateTimeOffset at, string? reason)
    {
        if (!actor.IsStaff)
            throw new FieldRuleException("effectiveDate", $"La date d'effet ne peut pas être passée : choisissez le {FrenchText.Day(today)} ou une date ultérieure.");
        if (string.IsNullOrWhiteSpace(reason))
            throw new FieldRuleException("reason", "Indiquez le motif d'une modification à date d'effet passée (par exemple : bon de commande signé en septembre).");
        if (day < StartDate)
            throw new FieldRuleException("effectiveDate", $"La date d'effet ne peut pas précéder le début de l'abonnement ({FrenchText.Day(StartDate)}).");
        var current = QuantityOn(day);
        var replaced = _steps.Count(s => s.From > day);
        if (quantity == current && replaced == 0) throw new DomainException($"La quantité est déjà de {quantity} au {FrenchText.Day(day)}.");
        if (quantity < current) EnsureCommitmentAllows(quantity, day, actor, reason);
        _steps.RemoveAll(s => s.From >= day && s.From > StartDate);
        if (day == StartDate) _steps.RemoveAll(s => s.From == StartDate);
        _steps.Add(new QuantityStep(day, quantity));
        var kind = quantity >= current ? SubscriptionChangeKind.QuantityIncreased : SubscriptionChangeKind.QuantityDecreased;
        Record(actor, at, kind, day,
            $"Quantité {(quantity >= current ? "portée" : "ramenée")} de {current} à {quantity} à compter du {FrenchText.Day(day)} "
            + $"(date d'effet passée, enregistrée le {FrenchText.Day(today)}"
            + (replaced > 0 ? $" ; remplace {(replaced == 1 ? "la modification enregistrée" : $"les {replaced} modifications enregistrées")} après cette date" : "")
            + ").", reason);
    }

    private void EnsureCommitmentAllows(int quantity, DateOnly effective, Actor actor, string? reason)
    {
        if (effective > CommitmentEnd || quantity >= CommittedQuantity) return;
        if (!actor.IsStaff)
            throw new DomainException(
                $"Pendant l'engagement (jusqu'au {FrenchText.Day(CommitmentEnd)}), la quantité ne peut pas descendre sous les {CommittedQuantity} unités souscrites.");
        RequireReason(reason, "Indiquez le motif de la dérogation à l'engagement.");
    }

    /// <summary>The first step recorded after <paramref name="day"/>, if any (never the initial one).</summary>
    private QuantityStep? StepAfter(DateOnly day) => _steps.Where(s => s.From > day && s.From > StartDate).MinBy(s => s.From);

    /// <summary>Drops the steps recorded after <paramref name="day"/>, but never the initial one.</summary>
    private void RemoveStepsAfter(DateOnly day) => _steps.RemoveAll(s => s.From > day && s.From > StartDate);

    /// <summary>The earliest day a tenant may end the service: the commitment end, or the end of the current period once it is over.</summary>
    /// <summary>
    /// How far ahead a subscription date may be set: two years after <paramref name="from"/> (today for a start date,
    /// the earliest termination for a last day). The one bound of start and termination dates.
    /// </summary>
    public static DateOnly LatestDateFrom(DateOnly from) => from.AddYears(2);

    public DateOnly EarliestTerminationFor(DateOnly today) =>
        today <= CommitmentEnd ? CommitmentEnd : BillingPeriod.Containing(today, BillingAlignment).End;

    /// <summary>
    /// Records the termination: a tenant's takes effect on <paramref name="lastDay"/> if given and allowed, else
    /// at the earliest allowed day; staff may end earlier with a written reason, even on a past day (a decision
    /// taken earlier), but not before the start. A past last day never alters issued invoices: what they billed
    /// beyond it is given back by a credit note.
    /// </summary>
    public void Terminate(DateOnly? lastDay, DateOnly today, Actor actor, DateTimeOffset at, string? reason = null)
    {
        EnsureRunning(today);
        var earliest = EarliestTerminationFor(today);
        var end = lastDay ?? earliest;
        if (end < today && !actor.IsStaff)
            throw new FieldRuleException("lastDay", $"Le dernier jour de service ne peut pas être passé : choisissez le {FrenchText.Day(earliest)} ou une date ultérieure.");
        if (end < earliest)
        {
            if (!actor.IsStaff)
                throw new DomainException($"Résiliation impossible avant le {FrenchText.Day(earliest)} : l'engagement court jusqu'au {FrenchText.Day(CommitmentEnd)}. "
                    + $"Vous pouvez demander la résiliation au {FrenchText.Day(earliest)}.");
            if (end < today && string.IsNullOrWhiteSpace(reason))
                throw new FieldRuleException("reason", "Indiquez le motif d'une résiliation à date passée (par exemple : délibération de retrait du 15 septembre).");
            RequireReason(reason, "Indiquez le motif de la résiliation anticipée.");
            if (end < StartDate) throw new DomainException($"La date de fin ne peut pas précéder le {FrenchText.Day(StartDate)}.");
        }
        if (end > LatestDateFrom(earliest))
            throw new DomainException($"La date de fin ne peut pas dépasser le {FrenchText.Day(LatestDateFrom(earliest))} (deux ans après la résiliation au plus tôt).");
        TerminationDate = end;
        _steps.RemoveAll(s => s.From > end);
        Record(actor, at, SubscriptionChangeKind.TerminationRecorded, end, $"Résiliation : dernier jour de service le {FrenchText.Day(end)}.", reason);
    }

    /// <summary>Checks that the client acted on the version it read (optimistic concurrency across requests).</summary>
    public void EnsureVersion(int? expected)
    {
        if (expected is { } v && v != Version)
            throw new ConcurrentChangeException("Cet abonnement a été modifié entre-temps : rechargez-le puis recommencez.");
    }

    private void EnsureRunning(DateOnly today)
    {
        if (TerminationDate is { } end)
            throw new DomainException(today > end
                ? "Cet abonnement est résilié."
                : $"La résiliation est déjà enregistrée (dernier jour le {FrenchText.Day(end)}).");
    }

    private void Record(Actor actor, DateTimeOffset at, SubscriptionChangeKind kind, DateOnly effectiveOn, string description, string? reason)
    {
        _changes.Add(new SubscriptionChange(at, actor.UserId, actor.Name, kind, effectiveOn, description, reason));
        Version++;
    }

    private static void RequireReason(string? reason, string message)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException(message);
    }
}

public enum SubscriptionChangeKind
{
    Subscribed = 1,
    QuantityIncreased = 2,
    QuantityDecreased = 3,
    TerminationRecorded = 4,
}

/// <summary>One entry of a subscription's history: who, when, what, from when, and why.</summary>
public sealed record SubscriptionChange(
    DateTimeOffset At, Guid? UserId, string By, SubscriptionChangeKind Kind, DateOnly EffectiveOn, string Description, string? Reason);

/// <summary>Someone else changed the same thing in the meantime (answered 409).</summary>
public sealed class ConcurrentChangeException(string message) : DomainException(message);
