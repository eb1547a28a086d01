using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Errors;

namespace ComputeModule.Http
{
    /// <summary>Sends through a factory-made HttpClient and turns transport failures into ComputeApiExceptions.</summary>
    internal static class Transport
    {
        /// <summary>Sends and reads the (already buffered) body; HTTP errors are returned, not thrown.</summary>
        /// <remarks>A timeout is a ComputeApiException already, so the transport-failure branch sees only connection failures.</remarks>
        public static async Task<(HttpResponseMessage Response, byte[] Body)> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken ct)
        {
            var uri = request.RequestUri;
            try
            {
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                byte[] body = response.Content == null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                return (response, body);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (ComputeApiException)
            {
                throw;
            }
            catch (OperationCanceledException e)
            {
                throw new ComputeTimeoutException($"{request.Method} {uri} did not answer in time.", uri, e);
            }
            catch (Exception e) when (RetryHandler.IsTransportFailure(e))
            {
                throw new ComputeServiceUnavailableException(
                    $"Could not reach {uri?.GetLeftPart(UriPartial.Authority)} ({request.Method} {uri}): {Innermost(e).Message}",
                    null, requestUri: uri, innerException: e);
            }
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }
    }
}
