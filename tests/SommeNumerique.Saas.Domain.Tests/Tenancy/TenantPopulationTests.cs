using SommeNumerique.Saas.Domain.Tenancy;

namespace SommeNumerique.Saas.Domain.Tests.Tenancy;

public class TenantPopulationTests
{
    [Fact]
    public void Recording_a_new_reference_year_is_a_change()
    {
        var commune = TestTenants.Abbeville();

        Assert.True(commune.RecordPopulation(2021, 22_900));
        Assert.Equal(22_900, commune.PopulationFor(2021));
    }

    [Fact]
    public void Recording_another_figure_for_the_same_year_corrects_it()
    {
        var commune = TestTenants.Abbeville();
        commune.RecordPopulation(2021, 22_900);

        Assert.True(commune.RecordPopulation(2021, 22_950));

        Assert.Equal(new PopulationRecord(2021, 22_950), Assert.Single(commune.Populations));
        Assert.Equal(22_950, commune.PopulationFor(2021));
    }

    [Fact]
    public void Recording_the_same_figure_again_changes_nothing()
    {
        var commune = TestTenants.Abbeville();
        commune.RecordPopulation(2021, 22_900);

        Assert.False(commune.RecordPopulation(2021, 22_900));
        Assert.Single(commune.Populations);
    }

    [Fact]
    public void A_negative_population_is_refused()
    {
        var commune = TestTenants.Abbeville();

        Assert.Throws<DomainException>(() => commune.RecordPopulation(2021, -1));
        Assert.Empty(commune.Populations);
    }

    [Fact]
    public void A_negative_correction_leaves_the_recorded_figure()
    {
        var commune = TestTenants.Abbeville();
        commune.RecordPopulation(2021, 22_900);

        Assert.Throws<DomainException>(() => commune.RecordPopulation(2021, -5));
        Assert.Equal(22_900, commune.PopulationFor(2021));
    }

    private static Tenant WithPopulations()
    {
        var commune = TestTenants.Abbeville();
        // Recorded out of order on purpose.
        commune.RecordPopulation(2021, 22_800);
        commune.RecordPopulation(2017, 23_400);
        commune.RecordPopulation(2019, 23_100);
        return commune;
    }

    [Theory]
    [InlineData(2017, 23_400)]
    [InlineData(2018, 23_400)]
    [InlineData(2019, 23_100)]
    [InlineData(2020, 23_100)]
    [InlineData(2021, 22_800)]
    [InlineData(2026, 22_800)]
    public void The_population_of_a_year_is_that_of_the_latest_reference_year_not_after_it(int year, int expected) =>
        Assert.Equal(expected, WithPopulations().PopulationFor(year));

    [Fact]
    public void Before_every_reference_year_the_earliest_population_is_used() =>
        Assert.Equal(23_400, WithPopulations().PopulationFor(2010));

    [Fact]
    public void Without_any_population_none_is_known() => Assert.Null(TestTenants.Abbeville().PopulationFor(2025));
}
