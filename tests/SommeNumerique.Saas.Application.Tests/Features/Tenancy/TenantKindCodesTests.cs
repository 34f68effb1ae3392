using SommeNumerique.Saas.Application.Features.Tenancy;
using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Application.Tests.Features.Tenancy;

public class TenantKindCodesTests
{
    [Fact]
    public void Epci_stands_for_the_four_kinds_of_EPCI()
    {
        Assert.True(TenantKindCodes.TryParseFilter("epci", out var kinds));

        Assert.Equal(
            [TenantKind.CommunauteAgglomeration, TenantKind.CommunauteCommunes, TenantKind.CommunauteUrbaine, TenantKind.Metropole],
            kinds.Order());
        Assert.Equal(Enum.GetValues<TenantKind>().Where(k => k.IsEpci()).Order(), kinds.Order());
    }

    public static TheoryData<TenantKind> AllKinds => new(Enum.GetValues<TenantKind>());

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void The_code_of_a_kind_parses_back_to_that_kind_alone(TenantKind kind)
    {
        Assert.True(TenantKindCodes.TryParseFilter(kind.Code(), out var kinds));

        Assert.Equal([kind], kinds);
    }

    [Fact]
    public void Every_kind_has_its_own_code()
    {
        var codes = Enum.GetValues<TenantKind>().Select(k => k.Code()).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_kind_code_is_a_filter_code() =>
        Assert.All(Enum.GetValues<TenantKind>(), kind => Assert.Contains(kind.Code(), TenantKindCodes.FilterCodes));

    [Fact]
    public void No_code_stands_for_no_kind()
    {
        Assert.False(TenantKindCodes.TryParseFilter(null, out var kinds));
        Assert.Empty(kinds);
    }

    [Fact]
    public void An_unknown_code_stands_for_no_kind()
    {
        Assert.False(TenantKindCodes.TryParseFilter("village", out var kinds));
        Assert.NotNull(kinds); // declared non-nullable: callers may use it without a check
        Assert.Empty(kinds);
    }

    [Fact]
    public void An_undefined_kind_has_no_code() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((TenantKind)99).Code());
}
