namespace SommeNumerique.Saas.Domain;

/// <summary>The day that billing rules, due dates and forms speak of: the injected clock's local date.</summary>
public static class TodayExtension
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
