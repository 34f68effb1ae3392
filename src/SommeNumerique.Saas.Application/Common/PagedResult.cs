namespace SommeNumerique.Saas.Application.Common;

/// <summary>One page of a list, with the total count across pages.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
