using SommeNumerique.Saas.Application.Common.Behaviors;

namespace SommeNumerique.Saas.Application.Tests.Common;

public class UnitOfWorkBehaviorTests
{
    private static readonly RenameSomething Command = new("Abbeville", 1);

    [Fact]
    public async Task A_successful_command_is_saved_exactly_once_after_its_handler()
    {
        var journal = new List<string>();
        var db = new FakeSaasDbContext { Journal = journal };
        var next = new RecordingNext { Journal = journal };

        await new UnitOfWorkBehavior<RenameSomething, int>(db).Handle(Command, next.Invoke, CancellationToken.None);

        Assert.Equal(1, db.SaveCalls);
        Assert.Equal(["handler", "save"], journal);
    }

    [Fact]
    public async Task The_handler_result_is_returned()
    {
        var result = await new UnitOfWorkBehavior<RenameSomething, int>(new FakeSaasDbContext())
            .Handle(Command, new RecordingNext(answer: 9).Invoke, CancellationToken.None);

        Assert.Equal(9, result);
    }

    [Fact]
    public async Task A_failing_command_saves_nothing()
    {
        var db = new FakeSaasDbContext();
        var next = new RecordingNext(failure: new InvalidOperationException("refusé"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await new UnitOfWorkBehavior<RenameSomething, int>(db).Handle(Command, next.Invoke, CancellationToken.None));

        Assert.Equal(1, next.Calls);
        Assert.Equal(0, db.SaveCalls);
    }

    [Fact]
    public async Task The_save_observes_the_request_cancellation_token()
    {
        using var cancellation = new CancellationTokenSource();
        var db = new FakeSaasDbContext();

        await new UnitOfWorkBehavior<RenameSomething, int>(db).Handle(Command, new RecordingNext().Invoke, cancellation.Token);

        Assert.Equal(cancellation.Token, db.LastToken);
    }
}
