using Microsoft.AspNetCore.Http.Extensions;

namespace SommeNumerique.Saas.Web.Pages.Shared;

/// <summary>
/// Paging and sorting of a staff list from the query string (<c>page</c>, <c>sort</c>, <c>dir</c>), with the links of
/// the pager (<c>_Pager</c>) and of the sortable column headers (<c>_SortHeader</c>, with <c>aria-sort</c>). Other
/// query parameters (the filters) are kept in every link. <c>page</c> is read from the query string itself: it is a
/// reserved route value of Razor Pages, so it cannot be bound to a property.
/// </summary>
public sealed class ListNavigation
{
    private readonly string _path;
    private readonly List<KeyValuePair<string, string>> _filters;

    public ListNavigation(HttpRequest request, int pageSize, string defaultSort, bool defaultDescending = false)
    {
        _path = request.Path;
        _filters = request.Query.Where(q => q.Key is not ("page" or "sort" or "dir" or "handler"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        Page = int.TryParse(request.Query["page"], out var p) && p > 0 ? p : 1;
        Sort = request.Query["sort"].FirstOrDefault() is { Length: > 0 } s ? s : null;
        Dir = request.Query["dir"].FirstOrDefault() is { Length: > 0 } d ? d : null;
        PageSize = pageSize;
        DefaultSort = defaultSort;
        DefaultDescending = defaultDescending;
    }

    public int Page { get; }
    public int PageSize { get; }
    public string? Sort { get; }
    public string? Dir { get; }
    public string DefaultSort { get; }
    public bool DefaultDescending { get; }
    /// <summary>Rows across pages, once the list is read.</summary>
    public int Total { get; set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    private string CurrentSort => Sort ?? DefaultSort;
    private bool Descending => Dir is null ? Sort is null && DefaultDescending : Dir.Equals("desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>This list at another page, same filters and order.</summary>
    public string PageUrl(int page) => Url(page, Sort, Dir);

    /// <summary>The header link of a column: sorts by it ascending, or the other way when it is the current order.</summary>
    public string SortUrl(string column) =>
        Url(1, column, string.Equals(column, CurrentSort, StringComparison.OrdinalIgnoreCase) && !Descending ? "desc" : "asc");

    /// <summary>The <c>aria-sort</c> of a column header: "ascending" / "descending" for the current order, else none.</summary>
    public string? AriaSort(string column) =>
        string.Equals(column, CurrentSort, StringComparison.OrdinalIgnoreCase) ? Descending ? "descending" : "ascending" : null;

    /// <summary>
    /// A refused <c>sort</c> or <c>dir</c> has no field on the page: its message goes to the summary at the top, and
    /// the page answers 400. Returns whether the list was refused.
    /// </summary>
    public static bool ShowRefusal(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, HttpResponse response)
    {
        foreach (var key in new[] { "sort", "dir" })
            if (modelState.TryGetValue(key, out var entry))
                foreach (var error in entry.Errors.ToList()) modelState.AddModelError(string.Empty, error.ErrorMessage);
        if (modelState.IsValid) return false;
        response.StatusCode = StatusCodes.Status400BadRequest;
        return true;
    }

    /// <summary>One page of rows already in memory.</summary>
    public IReadOnlyList<T> PageOf<T>(IReadOnlyList<T> rows)
    {
        Total = rows.Count;
        return rows.Skip((Page - 1) * PageSize).Take(PageSize).ToList();
    }

    private string Url(int page, string? sort, string? dir)
    {
        var query = new QueryBuilder(_filters);
        if (sort is not null) query.Add("sort", sort);
        if (dir is not null) query.Add("dir", dir);
        if (page > 1) query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return _path + query.ToQueryString();
    }
}

/// <summary>The model of <c>_SortHeader</c>: one sortable column header.</summary>
public sealed record SortHeader(ListNavigation List, string Column, string Label);
