using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ComputeModule.Http
{
    /// <summary>
    /// Reports each attempt that goes on the wire: -Verbose gets
    /// <c>GET http://host/v2.1/1234/servers/detail?limit=2 -> 200 (12 ms) page 2</c>, -Debug also the redacted headers and bodies.
    /// Messages go to <see cref="CmdletMessages.Current"/>, never to the cmdlet directly (this runs on worker threads).
    /// </summary>
    internal sealed class TracingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sink = CmdletMessages.Current;
            if (sink != null && sink.DebugEnabled)
            {
                var sb = new StringBuilder();
                sb.Append("Request: ").Append(request.Method).Append(' ').Append(request.RequestUri);
                string headers = Redactor.Headers(request.Headers, request.Content?.Headers);
                if (headers.Length > 0) sb.Append('\n').Append(headers);
                if (request.Content != null)
                {
                    string body = await request.Content.ReadAsStringAsync().ConfigureAwait(false);
                    sb.Append('\n').Append(Redactor.Body(body));
                }
                sink.Add(MessageKind.Debug, sb.ToString());
            }

            var watch = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                sink?.Add(MessageKind.Verbose, Line(request, "cancelled", watch.ElapsedMilliseconds));
                throw;
            }
            catch (Exception e)
            {
                sink?.Add(MessageKind.Verbose, Line(request, "failed: " + e.Message, watch.ElapsedMilliseconds));
                throw;
            }
            watch.Stop();
            sink?.Add(MessageKind.Verbose, Line(request, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), watch.ElapsedMilliseconds));

            if (sink != null && sink.DebugEnabled)
            {
                var sb = new StringBuilder();
                sb.Append("Response: ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase);
                string headers = Redactor.Headers(response.Headers, response.Content?.Headers);
                if (headers.Length > 0) sb.Append('\n').Append(headers);
                if (response.Content != null)
                {
                    // The TimeoutHandler below has buffered the body, so reading it here does not consume it.
                    string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (body.Length > 0) sb.Append('\n').Append(Redactor.Body(body));
                }
                sink.Add(MessageKind.Debug, sb.ToString());
            }
            return response;
        }

        /// <summary>The -Verbose line of one attempt.</summary>
        internal static string Line(HttpRequestMessage request, string outcome, long milliseconds)
        {
            var sb = new StringBuilder();
            sb.Append(request.Method.Method).Append(' ').Append(request.RequestUri?.AbsoluteUri)
              .Append(" -> ").Append(outcome)
              .Append(" (").Append(milliseconds.ToString(CultureInfo.InvariantCulture)).Append(" ms)");
            var page = RequestOptions.GetPage(request);
            if (page.HasValue) sb.Append(" page ").Append(page.Value.ToString(CultureInfo.InvariantCulture));
            int attempt = RequestOptions.GetAttempt(request);
            if (attempt > 1) sb.Append(" attempt ").Append(attempt.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
