namespace SommeNumerique.Saas.Application.Common;

/// <summary>Nothing with that identifier exists for the caller (also used when it exists for another tenant).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The caller is known but may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The request conflicts with the current state (a concurrent change, a run already under way...).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The value of one input field conflicts with existing data (e.g. a SIREN already used): 409 naming the field.</summary>
public sealed class FieldConflictException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Several business-rule refusals of one input (e.g. the bad lines of an imported file): 422 naming the field.</summary>
public sealed class FieldRulesException(string field, IReadOnlyList<string> messages, string summary) : Exception(summary)
{
    public string Field { get; } = field;
    public IReadOnlyList<string> Messages { get; } = messages;
}

/// <summary>The request needs a signed-in caller and nobody is signed in (401).</summary>
public sealed class SignInRequiredException(string message) : Exception(message);
