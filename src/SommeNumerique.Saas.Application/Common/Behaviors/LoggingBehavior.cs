using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Common.Behaviors;

/// <summary>Logs each request's name and duration, and failures with their exception.</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        message is IHighVolumeMessage ? next(message, cancellationToken) : HandleLogged(message, next, cancellationToken);

    private async ValueTask<TResponse> HandleLogged(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            LogHandled(typeof(TMessage).FullName!, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            LogFailed(ex, typeof(TMessage).FullName!, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} failed after {ElapsedMs:0.0} ms")]
    private partial void LogFailed(Exception exception, string request, double elapsedMs);
}
