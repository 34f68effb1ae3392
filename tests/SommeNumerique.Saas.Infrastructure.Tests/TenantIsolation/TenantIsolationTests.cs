using Microsoft.EntityFrameworkCore;
using SommeNumerique.Saas.Application.TenantIsolation;
using SommeNumerique.Saas.Domain.Tenancy;
using SommeNumerique.Saas.Infrastructure.TenantIsolation;

namespace SommeNumerique.Saas.Infrastructure.Tests.TenantIsolation;

/// <summary>Reads are filtered to the context's tenant; writes for another tenant are refused and change nothing.</summary>
public sealed class TenantIsolationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _database = new();
    private readonly Tenant _a = Tenant.Create(TenantKind.Commune, "Commune A", Siren.Parse("218000016"), "80001");
    private readonly Tenant _b = Tenant.Create(TenantKind.Commune, "Commune B", Siren.Parse("218000024"), "80002");
    private readonly Guid _userOfA = Guid.NewGuid();
    private readonly Guid _userOfB = Guid.NewGuid();

    public TenantIsolationTests()
    {
        using var db = _database.Context(TestDatabase.Host());
        db.Tenants.AddRange(_a, _b);
        db.TenantMembers.Add(TenantMember.Grant(_a.Id, _userOfA, TenantRole.TenantAdmin, Now));
        db.TenantMembers.Add(TenantMember.Grant(_b.Id, _userOfB, TenantRole.TenantAdmin, Now));
        db.SaveChanges();
    }

    private TenantContext ActingFor(Tenant tenant)
    {
        var access = new TenantAccess(tenant.Id, tenant.Name, tenant.Kind, TenantRole.TenantAdmin);
        var context = new TenantContext();
        context.UseTenant(access, [access]);
        return context;
    }

    [Fact]
    public async Task A_tenant_reads_only_its_own_rows_even_when_another_tenants_context_built_the_model_first()
    {
        await using var asA = _database.Context(ActingFor(_a));
        await using var asB = _database.Context(ActingFor(_b));

        var seenByA = await asA.TenantMembers.Select(m => m.UserId).ToListAsync();
        var seenByB = await asB.TenantMembers.Select(m => m.UserId).ToListAsync();

        Assert.Equal([_userOfA], seenByA);
        Assert.Equal([_userOfB], seenByB);
    }

    [Fact]
    public async Task Looking_up_another_tenants_row_by_id_finds_nothing()
    {
        await using var asA = _database.Context(ActingFor(_a));
        var bRow = await _database.Context(TestDatabase.Host()).TenantMembers.SingleAsync(m => m.TenantId == _b.Id);

        Assert.Null(await asA.TenantMembers.SingleOrDefaultAsync(m => m.Id == bRow.Id));
        Assert.Null(await asA.TenantMembers.FindAsync(bRow.Id));
    }

    [Fact]
    public async Task The_host_sees_every_tenant_and_nobody_sees_nothing()
    {
        await using var host = _database.Context(TestDatabase.Host());
        await using var nobody = _database.Context(new TenantContext());

        Assert.Equal(2, await host.TenantMembers.CountAsync());
        Assert.Equal(0, await nobody.TenantMembers.CountAsync());
    }

    [Fact]
    public async Task Ignoring_the_named_tenant_filter_is_an_explicit_bypass()
    {
        await using var asA = _database.Context(ActingFor(_a));
        Assert.Equal(2, await asA.TenantMembers.IgnoreQueryFilters([IsolationRules.FilterName]).CountAsync());
        // Ignoring some other, unknown filter name keeps the tenant filter on.
        Assert.Equal(1, await asA.TenantMembers.IgnoreQueryFilters(["SoftDelete"]).CountAsync());
    }

    [Fact]
    public async Task A_new_row_is_stamped_with_the_current_tenant()
    {
        await using (var asA = _database.Context(ActingFor(_a)))
        {
            asA.TenantMembers.Add(TenantMember.Grant(Guid.Empty, Guid.NewGuid(), TenantRole.TenantUser, Now));
            await asA.SaveChangesAsync();
        }
        await using var host = _database.Context(TestDatabase.Host());
        Assert.Equal(2, await host.TenantMembers.CountAsync(m => m.TenantId == _a.Id));
    }

    [Fact]
    public async Task Creating_a_row_for_another_tenant_is_refused_and_saves_nothing()
    {
        await using (var asA = _database.Context(ActingFor(_a)))
        {
            asA.TenantMembers.Add(TenantMember.Grant(_a.Id, Guid.NewGuid(), TenantRole.TenantUser, Now));
            asA.TenantMembers.Add(TenantMember.Grant(_b.Id, Guid.NewGuid(), TenantRole.TenantUser, Now));
            await Assert.ThrowsAsync<TenantMismatchException>(() => asA.SaveChangesAsync());
        }
        await using var host = _database.Context(TestDatabase.Host());
        Assert.Equal(2, await host.TenantMembers.CountAsync());
    }

    [Fact]
    public async Task Updating_or_deleting_another_tenants_row_is_refused()
    {
        TenantMember bRow;
        await using (var host = _database.Context(TestDatabase.Host()))
            bRow = await host.TenantMembers.AsNoTracking().SingleAsync(m => m.TenantId == _b.Id);

        await using (var asA = _database.Context(ActingFor(_a)))
        {
            asA.TenantMembers.Attach(bRow);
            bRow.ChangeRole(TenantRole.TenantUser);
            await Assert.ThrowsAsync<TenantMismatchException>(() => asA.SaveChangesAsync());
        }
        await using (var asA = _database.Context(ActingFor(_a)))
        {
            asA.TenantMembers.Remove(bRow);
            await Assert.ThrowsAsync<TenantMismatchException>(() => asA.SaveChangesAsync());
        }
        await using var check = _database.Context(TestDatabase.Host());
        var unchanged = await check.TenantMembers.SingleAsync(m => m.Id == bRow.Id);
        Assert.Equal(TenantRole.TenantAdmin, unchanged.Role);
    }

    [Fact]
    public async Task Moving_a_row_to_another_tenant_is_refused_even_for_the_host()
    {
        await using var host = _database.Context(TestDatabase.Host());
        var row = await host.TenantMembers.SingleAsync(m => m.TenantId == _a.Id);
        host.Entry(row).Property(m => m.TenantId).CurrentValue = _b.Id;

        await Assert.ThrowsAsync<TenantMismatchException>(() => host.SaveChangesAsync());
    }

    [Fact]
    public async Task Without_an_active_tenant_nothing_tenant_owned_can_be_created()
    {
        await using var nobody = _database.Context(new TenantContext());
        nobody.TenantMembers.Add(TenantMember.Grant(Guid.Empty, Guid.NewGuid(), TenantRole.TenantUser, Now));

        await Assert.ThrowsAsync<TenantMismatchException>(() => nobody.SaveChangesAsync());
    }

    [Fact]
    public async Task The_host_may_write_for_a_named_tenant()
    {
        await using (var host = _database.Context(TestDatabase.Host()))
        {
            host.TenantMembers.Add(TenantMember.Grant(_b.Id, Guid.NewGuid(), TenantRole.TenantUser, Now));
            await host.SaveChangesAsync();
        }
        await using var asB = _database.Context(ActingFor(_b));
        Assert.Equal(2, await asB.TenantMembers.CountAsync());
    }

    public void Dispose() => _database.Dispose();
}
