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
    public void The_same_figure_with_a_new_source_keeps_the_new_source()
    {
        var commune = TestTenants.Abbeville();
        commune.RecordPopulation(2019, 182_600, "Etalab");

        Assert.True(commune.RecordPopulation(2019, 182_600, "Rapport d'activité 2019 (seed 002)"));

        Assert.Equal(new PopulationRecord(2019, 182_600, "Rapport d'activité 2019 (seed 002)"), Assert.Single(commune.Populations));
    }

    [Fact]
    public void A_negative_population_is_refused()
    {
        var commune = TestTenants.Abbeville();

        Assert.ThrowsAny<DomainException>(() => commune.RecordPopulation(2021, -1));
        Assert.Empty(commune.Populations);
    }

    [Fact]
    public void A_negative_correction_leaves_the_recorded_figure()
    {
        var commune = TestTenants.Abbeville();
        commune.RecordPopulation(2021, 22_900);

        Assert.ThrowsAny<DomainException>(() => commune.RecordPopulation(2021, -5));
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
    [InlineData(2019, 23_100)]
    [InlineData(2021, 22_800)]
    public void The_population_of_a_year_is_the_one_recorded_for_that_year(int year, int expected) =>
        Assert.Equal(expected, WithPopulations().PopulationFor(year));

    [Theory]
    [InlineData(2010)]
    [InlineData(2018)]
    [InlineData(2020)]
    [InlineData(2026)]
    public void A_missing_year_is_not_replaced_by_another_years_figure(int year) =>
        Assert.Null(WithPopulations().PopulationFor(year));

    [Fact]
    public void A_population_keeps_its_source_and_a_correction_replaces_it()
    {
        var commune = TestTenants.Abbeville();
        commune.RecordPopulation(2019, 23_100, "INSEE, populations légales 2016");
        Assert.Equal("INSEE, populations légales 2016", commune.Populations.Single().Source);

        Assert.True(commune.RecordPopulation(2019, 23_150, "Arrêté rectificatif"));
        var record = commune.Populations.Single();
        Assert.Equal((2019, 23_150, "Arrêté rectificatif"), (record.ReferenceYear, record.Population, record.Source));
    }

    [Theory]
    [InlineData(1989)]
    [InlineData(2101)]
    public void A_year_out_of_range_is_refused_naming_the_year(int year)
    {
        var error = Assert.Throws<FieldRuleException>(() => TestTenants.Abbeville().RecordPopulation(year, 100, "INSEE"));
        Assert.Equal("year", error.Field);
    }

    [Fact]
    public void Without_any_population_none_is_known() => Assert.Null(TestTenants.Abbeville().PopulationFor(2025));
}
