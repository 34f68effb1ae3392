using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SommeNumerique.Saas.Application.Common;

namespace SommeNumerique.Saas.Application.Tests.Common;

/// <summary>
/// Issue 11, item 3: a download never starts with a file that cannot be completed. A writer failing halfway sends
/// nothing (the exception reaches the problem-details handler while the response is still untouched); a writer that
/// completes sends the whole file with its headers.
/// </summary>
public class StreamedFileTests
{
    private static readonly StreamedFile FailsHalfway = new("flux.xml", "application/xml", async (stream, ct) =>
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes("<PES_Aller><Bordereau>"), ct);
        await stream.FlushAsync(ct);
        throw new InvalidOperationException("the writer failed halfway");
    });

    private static readonly StreamedFile Completes = new("flux.xml", "application/xml", async (stream, ct) =>
        await stream.WriteAsync(Encoding.UTF8.GetBytes("<PES_Aller/>"), ct));

    private static DefaultHttpContext Http()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        return http;
    }

    [Fact]
    public async Task An_API_download_whose_writer_fails_halfway_sends_no_byte_nor_header()
    {
        var http = Http();

        await Assert.ThrowsAsync<InvalidOperationException>(() => FailsHalfway.ToResult().ExecuteAsync(http));

        Assert.Equal(0, http.Response.Body.Length);
        Assert.False(http.Response.Headers.ContainsKey("Content-Disposition"));
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode); // untouched: the exception handler still sets it
    }

    [Fact]
    public async Task A_page_download_whose_writer_fails_halfway_sends_no_byte_nor_header()
    {
        var http = Http();

        await Assert.ThrowsAsync<InvalidOperationException>(() => FailsHalfway.WriteToAsync(http.Response, CancellationToken.None));

        Assert.Equal(0, http.Response.Body.Length);
        Assert.False(http.Response.Headers.ContainsKey("Content-Disposition"));
        Assert.Null(http.Response.ContentType);
    }

    [Fact]
    public async Task A_download_that_completes_is_sent_whole_with_its_name_and_length()
    {
        foreach (var send in new Func<HttpContext, Task>[] { h => Completes.ToResult().ExecuteAsync(h), h => Completes.WriteToAsync(h.Response, CancellationToken.None) })
        {
            var http = Http();

            await send(http);

            Assert.Equal("<PES_Aller/>", Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
            Assert.Equal("application/xml", http.Response.ContentType);
            Assert.Equal(12, http.Response.ContentLength);
            Assert.Contains("flux.xml", http.Response.Headers.ContentDisposition.ToString());
        }
    }
}
