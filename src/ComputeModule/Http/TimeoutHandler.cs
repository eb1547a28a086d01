using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Errors;

namespace ComputeModule.Http
{
    /// <summary>
    /// Innermost handler: one attempt gets <see cref="SessionOptions.RequestTimeout"/>, body included, so a stalled
    /// body also times out; the caller's token (Ctrl+C) still cancels at once.
    /// </summary>
    internal sealed class TimeoutHandler : DelegatingHandler
    {
        private readonly SessionOptions _options;

        public TimeoutHandler(SessionOptions options) => _options = options;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(_options.RequestTimeout);
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, cts.Token).ConfigureAwait(false);
                if (response.Content != null)
                {
                    // netstandard2.0's LoadIntoBufferAsync takes no token: dispose the response to abort it.
                    var r = response;
                    using (cts.Token.Register(() => r.Dispose()))
                    {
                        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                    }
                    cts.Token.ThrowIfCancellationRequested();
                }
                return response;
            }
            catch (Exception e) when (cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                      && (e is OperationCanceledException || e is ObjectDisposedException || e is HttpRequestException || e is System.IO.IOException))
            {
                response?.Dispose();
                throw new ComputeTimeoutException(string.Format(CultureInfo.InvariantCulture,
                    "{0} {1} did not answer within {2:0.#} s.", request.Method, request.RequestUri, _options.RequestTimeout.TotalSeconds),
                    request.RequestUri, e);
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && !(e is OperationCanceledException))
            {
                // Ctrl+C disposed the half-read response: report it as the cancellation it is.
                response?.Dispose();
                throw new OperationCanceledException(cancellationToken);
            }
            catch
            {
                response?.Dispose();
                throw;
            }
        }
    }
}
