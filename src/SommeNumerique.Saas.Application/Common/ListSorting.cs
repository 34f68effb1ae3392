using System.Linq.Expressions;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// Sorting of a list by a named column (<c>sort</c>) in a direction (<c>dir</c>: <c>asc</c> or <c>desc</c>), the same
/// for an API list and the page that shows it. An unknown column or direction is a 400 naming the field.
/// </summary>
public sealed class ListSorting<T>(string defaultKey, bool defaultDescending)
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _keys = new(StringComparer.OrdinalIgnoreCase);

    public string DefaultKey { get; } = defaultKey;
    public bool DefaultDescending { get; } = defaultDescending;
    public IEnumerable<string> Keys => _keys.Keys;

    /// <summary>A column, ordered by <paramref name="key"/> then by <paramref name="tieBreak"/> (same direction) for a stable order.</summary>
    public ListSorting<T> Column<TKey, TTie>(string name, Expression<Func<T, TKey>> key, Expression<Func<T, TTie>> tieBreak)
    {
        _keys[name] = (q, desc) => desc ? q.OrderByDescending(key).ThenByDescending(tieBreak) : q.OrderBy(key).ThenBy(tieBreak);
        return this;
    }

    public IOrderedQueryable<T> Apply(IQueryable<T> source, string? sort, string? dir)
    {
        var name = string.IsNullOrWhiteSpace(sort) ? DefaultKey : sort.Trim();
        if (!_keys.TryGetValue(name, out var order))
            throw Invalid("sort", $"Tri inconnu : {string.Join(", ", _keys.Keys)}.");
        bool descending;
        if (string.IsNullOrWhiteSpace(dir)) descending = name.Equals(DefaultKey, StringComparison.OrdinalIgnoreCase) ? DefaultDescending : false;
        else if (dir.Trim().Equals("asc", StringComparison.OrdinalIgnoreCase)) descending = false;
        else if (dir.Trim().Equals("desc", StringComparison.OrdinalIgnoreCase)) descending = true;
        else throw Invalid("dir", "Sens de tri inconnu : asc ou desc.");
        return order(source, descending);
    }

    private static FluentValidation.ValidationException Invalid(string field, string message) =>
        new([new FluentValidation.Results.ValidationFailure(field, message)]);
}
