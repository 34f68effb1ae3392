using FluentValidation;
using Mediator;
using SommeNumerique.Saas.Application.Common.Behaviors;

namespace SommeNumerique.Saas.Application.Tests.Common;

public class ValidationBehaviorTests
{
    private static InlineValidator<RenameSomething> NameRequired() => new() { v => v.RuleFor(m => m.Name).NotEmpty() };

    private static InlineValidator<RenameSomething> CountPositive() => new() { v => v.RuleFor(m => m.Count).GreaterThan(0) };

    private static ValidationBehavior<RenameSomething, int> Behavior(params IValidator<RenameSomething>[] validators) => new(validators);

    [Fact]
    public async Task A_failing_validator_stops_the_request_before_the_handler()
    {
        var next = new RecordingNext();

        await Assert.ThrowsAsync<ValidationException>(async () =>
            await Behavior(NameRequired()).Handle(new RenameSomething(null, 1), next.Invoke, CancellationToken.None));

        Assert.Equal(0, next.Calls);
    }

    [Fact]
    public async Task The_exception_carries_the_failures_of_every_validator()
    {
        var next = new RecordingNext();
        var twoRules = new InlineValidator<RenameSomething>
        {
            v => v.RuleFor(m => m.Name).NotEmpty().WithMessage("nom obligatoire"),
            v => v.RuleFor(m => m.Count).LessThan(-10).WithMessage("trop grand"),
        };
        var oneRule = new InlineValidator<RenameSomething> { v => v.RuleFor(m => m.Count).GreaterThan(0).WithMessage("trop petit") };

        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await Behavior(twoRules, oneRule).Handle(new RenameSomething("", 0), next.Invoke, CancellationToken.None));

        var messages = error.Errors.Select(f => f.ErrorMessage).ToList();
        Assert.Contains("nom obligatoire", messages);
        Assert.Contains("trop grand", messages);
        Assert.Contains("trop petit", messages);
        Assert.Equal(0, next.Calls);
    }

    [Fact]
    public async Task Each_failure_is_reported_once_when_several_validators_fail()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await Behavior(NameRequired(), CountPositive())
                .Handle(new RenameSomething(null, 0), new RecordingNext().Invoke, CancellationToken.None));

        Assert.Equal(["Count", "Name"], error.Errors.Select(f => f.PropertyName).Order());
    }

    [Fact]
    public async Task Failures_are_gathered_even_when_an_earlier_validator_passes()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await Behavior(NameRequired(), CountPositive())
                .Handle(new RenameSomething("Abbeville", 0), new RecordingNext().Invoke, CancellationToken.None));

        Assert.Equal("Count", Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task Passing_validators_let_the_handler_run_once_and_return_its_result()
    {
        var next = new RecordingNext(answer: 7);

        var result = await Behavior(NameRequired(), CountPositive())
            .Handle(new RenameSomething("Abbeville", 3), next.Invoke, CancellationToken.None);

        Assert.Equal(7, result);
        Assert.Equal(1, next.Calls);
    }

    [Fact]
    public async Task Without_validators_the_handler_runs_once_and_its_result_is_returned()
    {
        var next = new RecordingNext(answer: 7);

        var result = await Behavior().Handle(new RenameSomething(null, -1), next.Invoke, CancellationToken.None);

        Assert.Equal(7, result);
        Assert.Equal(1, next.Calls);
    }

    [Fact]
    public async Task The_handler_receives_the_validated_message()
    {
        var message = new RenameSomething("Abbeville", 3);
        RenameSomething? received = null;
        MessageHandlerDelegate<RenameSomething, int> next = (m, _) =>
        {
            received = m;
            return ValueTask.FromResult(1);
        };

        await Behavior(NameRequired()).Handle(message, next, CancellationToken.None);

        Assert.Same(message, received);
    }
}
