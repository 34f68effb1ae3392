using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SommeNumerique.Saas.Bench;

/// <summary>
/// Counts the SQL commands EF Core executes and their execution time as EF Core reports it (CommandExecuted:
/// until a non-query completes, or until a query's reader is open — reading the rows is not included), from
/// EF Core's DiagnosticListener events, without any change to the application.
/// </summary>
public sealed class DbCommandStats : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly string Executed = RelationalEventId.CommandExecuted.Name!;
    private long _commands;
    private long _ticks;

    public static DbCommandStats Instance { get; } = new();

    private IDisposable? _subscription;

    public static void Enable() => Instance._subscription ??= DiagnosticListener.AllListeners.Subscribe(Instance);

    public (long Commands, TimeSpan Time) Snapshot() => (Interlocked.Read(ref _commands), TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(this);
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == Executed && value.Value is CommandExecutedEventData executed)
        {
            Interlocked.Increment(ref _commands);
            Interlocked.Add(ref _ticks, executed.Duration.Ticks);
        }
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
