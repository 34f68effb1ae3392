using Mediator;

namespace SommeNumerique.Saas.Application.Tests.Common;

/// <summary>A command the behaviours are exercised with.</summary>
public sealed record RenameSomething(string? Name, int Count) : ICommand<int>;

/// <summary>A <c>next</c> delegate that counts its calls and answers a fixed value or throws.</summary>
internal sealed class RecordingNext(int answer = 42, Exception? failure = null)
{
    public int Calls { get; private set; }
    public List<string>? Journal { get; init; }

    public async ValueTask<int> Invoke(RenameSomething message, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Calls++;
        Journal?.Add("handler");
        if (failure is not null) throw failure;
        return answer;
    }
}
