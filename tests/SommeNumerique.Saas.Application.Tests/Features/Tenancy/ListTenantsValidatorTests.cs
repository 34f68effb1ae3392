using SommeNumerique.Saas.Application.Features.Tenancy;

namespace SommeNumerique.Saas.Application.Tests.Features.Tenancy;

public class ListTenantsValidatorTests
{
    private static readonly ListTenants.Query Everything = new(null, null, null, null, null);

    private static IReadOnlyList<string> ErrorsOn(ListTenants.Query query, string property) =>
        new ListTenants.Validator().Validate(query).Errors
            .Where(e => e.PropertyName == property).Select(e => e.ErrorMessage).ToList();

    [Fact]
    public void A_query_without_any_criterion_is_accepted() => Assert.True(new ListTenants.Validator().Validate(Everything).IsValid);

    [Fact]
    public void An_unknown_kind_is_refused_with_a_French_message_listing_the_codes()
    {
        var message = Assert.Single(ErrorsOn(Everything with { Kind = "village" }, nameof(ListTenants.Query.Kind)));

        Assert.StartsWith("Type de collectivité inconnu.", message);
        Assert.All(TenantKindCodes.FilterCodes, code => Assert.Contains(code, message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_kind_is_refused(string kind) =>
        Assert.NotEmpty(ErrorsOn(Everything with { Kind = kind }, nameof(ListTenants.Query.Kind)));

    public static TheoryData<string> FilterCodes => new(TenantKindCodes.FilterCodes);

    [Theory]
    [MemberData(nameof(FilterCodes))]
    public void Every_kind_code_is_accepted(string code) =>
        Assert.True(new ListTenants.Validator().Validate(Everything with { Kind = code }).IsValid);

    [Theory]
    [InlineData("EPCI")]
    [InlineData(" commune ")]
    public void A_kind_code_is_accepted_whatever_its_case_and_surrounding_spaces(string code) =>
        Assert.Empty(ErrorsOn(Everything with { Kind = code }, nameof(ListTenants.Query.Kind)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Pages_start_at_one(int page) =>
        Assert.Equal(["La page commence à 1."], ErrorsOn(Everything with { Page = page }, nameof(ListTenants.Query.Page)));

    [Fact]
    public void The_first_page_is_accepted() => Assert.True(new ListTenants.Validator().Validate(Everything with { Page = 1 }).IsValid);

    [Theory]
    [InlineData(0)]
    [InlineData(ListTenants.MaxPageSize + 1)]
    public void A_page_size_outside_one_to_two_hundred_is_refused(int pageSize) =>
        Assert.Single(ErrorsOn(Everything with { PageSize = pageSize }, nameof(ListTenants.Query.PageSize)));

    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    public void A_page_size_from_one_to_two_hundred_is_accepted(int pageSize) =>
        Assert.True(new ListTenants.Validator().Validate(Everything with { PageSize = pageSize }).IsValid);

    [Fact]
    public void A_search_over_a_hundred_characters_is_refused() =>
        Assert.Equal(
            ["La recherche est limitée à 100 caractères."],
            ErrorsOn(Everything with { Search = new string('a', 101) }, nameof(ListTenants.Query.Search)));

    [Fact]
    public void A_search_of_a_hundred_characters_is_accepted() =>
        Assert.True(new ListTenants.Validator().Validate(Everything with { Search = new string('a', 100) }).IsValid);

    [Fact]
    public void Every_invalid_criterion_is_reported_at_once()
    {
        var result = new ListTenants.Validator().Validate(new ListTenants.Query("village", new string('a', 101), null, 0, 0));

        Assert.Equal(
            [nameof(ListTenants.Query.Kind), nameof(ListTenants.Query.Page), nameof(ListTenants.Query.PageSize), nameof(ListTenants.Query.Search)],
            result.Errors.Select(e => e.PropertyName).Order());
    }
}
