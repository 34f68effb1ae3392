using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SommeNumerique.Saas.Application.Common.Behaviors;

namespace SommeNumerique.Saas.Application.Tests.Common;

public class LoggingBehaviorTests
{
    private static LoggingBehavior<RenameSomething, int> Behavior() =>
        new(NullLogger<LoggingBehavior<RenameSomething, int>>.Instance);

    [Fact]
    public async Task The_handler_result_is_returned()
    {
        var next = new RecordingNext(answer: 5);

        var result = await Behavior().Handle(new RenameSomething("Abbeville", 1), next.Invoke, CancellationToken.None);

        Assert.Equal(5, result);
        Assert.Equal(1, next.Calls);
    }

    [Fact]
    public async Task The_handler_exception_is_rethrown_unchanged()
    {
        var failure = new InvalidOperationException("refusé");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Behavior().Handle(new RenameSomething("Abbeville", 1), new RecordingNext(failure: failure).Invoke, CancellationToken.None));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task A_failure_is_logged_with_its_exception()
    {
        var logger = new CapturingLogger();
        var failure = new InvalidOperationException("refusé");

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await new LoggingBehavior<RenameSomething, int>(logger)
                .Handle(new RenameSomething("Abbeville", 1), new RecordingNext(failure: failure).Invoke, CancellationToken.None));

        var entry = Assert.Single(logger.Entries);
        Assert.Same(failure, entry.Exception);
        Assert.Contains(typeof(RenameSomething).FullName!, entry.Message);
    }

    private sealed class CapturingLogger : ILogger<LoggingBehavior<RenameSomething, int>>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // Information and above only: a success (logged at Debug) leaves no entry.
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
