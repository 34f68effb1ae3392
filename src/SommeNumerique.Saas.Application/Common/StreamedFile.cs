using Microsoft.AspNetCore.Http;

namespace SommeNumerique.Saas.Application.Common;

/// <summary>
/// A download written straight to the response (exports of any size: memory stays flat). The handler checks
/// everything and returns this; <see cref="WriteAsync"/> runs while the response is sent, in the same request
/// scope, so it may still read the database.
/// </summary>
public sealed record StreamedFile(string FileName, string ContentType, Func<Stream, CancellationToken, Task> WriteAsync)
{
    public IResult ToResult() =>
        Results.Stream(stream => WriteAsync(stream, CancellationToken.None), ContentType, FileName);
}
