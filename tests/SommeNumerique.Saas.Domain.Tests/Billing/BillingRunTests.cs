using SommeNumerique.Saas.Domain.Billing;
using SommeNumerique.Saas.Domain.Catalogue;

namespace SommeNumerique.Saas.Domain.Tests.Billing;

/// <summary>The one rule of a run whose billing changed since its preview (issue 11, item 2).</summary>
public class BillingRunTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly BillingPeriod Year2025 = BillingPeriod.Containing(new DateOnly(2025, 1, 1), BillingAlignment.CalendarYear);

    private static (BillingRun Run, List<BillingRunTenant> Rows) Previewed(int tenants)
    {
        var run = BillingRun.Open(Year2025, BillingAlignment.CalendarYear, 1, "agent", At);
        var rows = Enumerable.Range(0, tenants)
            .Select(i => new BillingRunTenant(run.Id, Guid.NewGuid(), $"Commune {i}", 1, 50m, 10m, 60m, $"F{i}", null)).ToList();
        run.RecordPreview(tenants, tenants, 50m * tenants, 60m * tenants);
        return (run, rows);
    }

    private static Dictionary<Guid, string> AsPreviewed(IEnumerable<BillingRunTenant> rows) => rows.ToDictionary(r => r.TenantId, r => r.Fingerprint);

    [Fact]
    public void Nothing_changed_the_issue_goes_on()
    {
        var (run, rows) = Previewed(3);
        run.StartIssue(At);

        Assert.Equal(0, run.EndIfChangedSincePreview(rows, AsPreviewed(rows), At));
        Assert.Equal(BillingRunStatus.Issuing, run.Status);
        Assert.NotNull(run.OpenPeriodKey);
        Assert.All(rows, r => Assert.Equal(BillingRunTenantStatus.Pending, r.Status));
    }

    [Fact]
    public void A_resume_that_finds_a_change_ends_the_run_keeps_what_was_issued_marks_the_rest_and_frees_the_period()
    {
        var (run, rows) = Previewed(4);
        run.StartIssue(At);
        rows[0].MarkIssued(Guid.NewGuid());
        rows[1].MarkIssued(Guid.NewGuid());
        run.RecordBatch(2, 2, 100m, 120m);
        var notIssued = rows.Skip(2).ToList();
        var now = AsPreviewed(notIssued);
        now[notIssued[1].TenantId] = "changed";

        Assert.Equal(1, run.EndIfChangedSincePreview(notIssued, now, At.AddHours(1)));

        Assert.Equal(BillingRunStatus.Issued, run.Status);
        Assert.Null(run.OpenPeriodKey);
        Assert.Equal(At.AddHours(1), run.EndedAt);
        Assert.Equal(2, run.InvoicesIssued);
        Assert.Equal(120m, run.IssuedTotalTtc);
        Assert.All(rows.Take(2), r => Assert.Equal(BillingRunTenantStatus.Issued, r.Status));
        Assert.All(notIssued, r => Assert.Equal(BillingRunTenantStatus.ChangedSincePreview, r.Status));
        Assert.Contains("1 collectivité(s) a changé depuis l'aperçu", run.EndReason);
        Assert.Contains("2 non émise(s)", run.EndReason);
        Assert.Throws<DomainException>(() => notIssued[0].MarkIssued(Guid.NewGuid()));
    }

    [Fact]
    public void An_issue_that_finds_a_tenant_the_preview_did_not_have_ends_the_run_before_anything_is_issued()
    {
        var (run, rows) = Previewed(2);
        var now = AsPreviewed(rows);
        now[Guid.NewGuid()] = "new tenant";

        Assert.Equal(1, run.EndIfChangedSincePreview(rows, now, At));

        Assert.Equal(BillingRunStatus.Issued, run.Status);
        Assert.Equal(0, run.InvoicesIssued);
        Assert.Null(run.OpenPeriodKey);
        Assert.All(rows, r => Assert.Equal(BillingRunTenantStatus.ChangedSincePreview, r.Status));
    }

    [Fact]
    public void A_tenant_no_longer_billed_is_a_change_and_an_ended_run_is_not_ended_twice()
    {
        var (run, rows) = Previewed(2);
        run.StartIssue(At);
        var now = AsPreviewed(rows);
        now.Remove(rows[0].TenantId);

        Assert.Equal(1, run.EndIfChangedSincePreview(rows, now, At));
        Assert.Throws<DomainException>(() => run.EndIfChangedSincePreview([], new Dictionary<Guid, string>(), At));
        Assert.Throws<ArgumentOutOfRangeException>(() => BillingRun.Open(Year2025, BillingAlignment.CalendarYear, 0, "agent", At));
    }
}
