namespace SommeNumerique.Saas.Application.Common;

/// <summary>Nothing with that identifier exists for the caller (also used when it exists for another tenant).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The caller is known but may not do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The request conflicts with the current state (a concurrent change, a run already under way...).</summary>
public sealed class ConflictException(string message) : Exception(message);
