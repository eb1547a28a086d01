using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Errors;

namespace ComputeModule.Http
{
    /// <summary>
    /// Outermost handler: retries what is safe to retry.
    /// <list type="bullet">
    /// <item>413 overLimit with Retry-After and 429: wait Retry-After (seconds or HTTP date; longer than
    /// <see cref="SessionOptions.MaxRetryAfter"/> is reported at once) or the backoff.</item>
    /// <item>502/503/504 and connection failures: bounded exponential backoff with jitter; a timeout only once.</item>
    /// <item>A non-idempotent request (POST) is repeated only when the server certainly did not process it: a
    /// 413/429/503 that came with a fault body, or a connection refused before anything was sent. Never after a
    /// timeout or a connection dropped mid-answer.</item>
    /// </list>
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly SessionOptions _options;

        public RetryHandler(SessionOptions options) => _options = options;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool idempotent = RequestOptions.IsIdempotent(request);
            int max = Math.Max(1, _options.MaxAttempts);
            var current = request;
            int timeouts = 0;
            for (int attempt = 1; ; attempt++)
            {
                RequestOptions.SetAttempt(current, attempt);
                // Keep a pristine copy for the next attempt before this one is sent.
                HttpRequestMessage? spare = attempt < max ? await RequestOptions.CloneAsync(current).ConfigureAwait(false) : null;
                HttpResponseMessage response;
                try
                {
                    response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && spare != null && IsTransportFailure(e))
                {
                    bool notSent = ConnectionRefused(e);
                    if (!idempotent && !notSent) throw;
                    // A service that stalled for a whole timeout is retried once, not for minutes on end.
                    if (e is ComputeTimeoutException && ++timeouts > 1) throw;
                    var wait = _options.Backoff(attempt + 1);
                    Report(current, e.Message, wait, attempt + 1, max);
                    await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
                    current = spare;
                    continue;
                }

                if (spare == null) return response;
                TimeSpan? delay = await RetryDelayAsync(response, idempotent, attempt).ConfigureAwait(false);
                if (delay == null) return response;
                Report(current, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + response.ReasonPhrase, delay.Value, attempt + 1, max);
                response.Dispose();
                await _options.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
                current = spare;
            }
        }

        /// <summary>How long to wait before retrying this answer; null: do not retry.</summary>
        private async Task<TimeSpan?> RetryDelayAsync(HttpResponseMessage response, bool idempotent, int attempt)
        {
            int status = (int)response.StatusCode;
            bool rateLimited = status == 413 || status == 429;
            bool unavailable = status == 502 || status == 503 || status == 504;
            if (!rateLimited && !unavailable) return null;

            var retryAfter = RetryAfter.Parse(response.Headers, _options.UtcNow());
            // A 413 without Retry-After is a quota ("Quota exceeded for instances"), not a rate limit: waiting won't help.
            if (status == 413 && retryAfter == null) return null;
            if (retryAfter.HasValue && retryAfter.Value > _options.MaxRetryAfter) return null;

            if (!idempotent)
            {
                // Only a fault body proves the service itself refused the request before doing anything;
                // a bare 503 may come from a proxy that timed out while the service went on.
                if (status == 502 || status == 504) return null;
                byte[] body = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (FaultParser.Parse(body) == null) return null;
            }
            return retryAfter ?? _options.Backoff(attempt + 1);
        }

        private static void Report(HttpRequestMessage request, string why, TimeSpan wait, int nextAttempt, int max)
            => CmdletMessages.Verbose(string.Format(CultureInfo.InvariantCulture,
                "{0} {1}: {2}; retrying in {3} ms (attempt {4} of {5})",
                request.Method, request.RequestUri?.AbsoluteUri, why, (long)wait.TotalMilliseconds, nextAttempt, max));

        /// <summary>Failures of the connection rather than answers (timeouts included).</summary>
        internal static bool IsTransportFailure(Exception e)
            => e is HttpRequestException || e is IOException || e is ComputeTimeoutException || e is SocketException || e is WebException;

        /// <summary>True only when the connection was refused or the host unknown: nothing reached the server.</summary>
        internal static bool ConnectionRefused(Exception e)
        {
            if (e is ComputeTimeoutException) return false;
            for (Exception? x = e; x != null; x = x.InnerException)
            {
                if (x is SocketException s)
                {
                    return s.SocketErrorCode == SocketError.ConnectionRefused
                           || s.SocketErrorCode == SocketError.HostNotFound
                           || s.SocketErrorCode == SocketError.NetworkUnreachable
                           || s.SocketErrorCode == SocketError.HostUnreachable;
                }
                if (x is WebException w)
                {
                    // .NET Framework reports these before any byte was sent.
                    return w.Status == WebExceptionStatus.ConnectFailure || w.Status == WebExceptionStatus.NameResolutionFailure;
                }
            }
            return false;
        }
    }
}
