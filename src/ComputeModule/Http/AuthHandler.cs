using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Auth;

namespace ComputeModule.Http
{
    /// <summary>
    /// Puts the token on each compute request. On 401 it re-authenticates once and replays the request; the replay is
    /// safe even for POST because keystonemiddleware rejects the request before Nova sees it.
    /// </summary>
    internal sealed class AuthHandler : DelegatingHandler
    {
        /// <summary>The header the token travels in.</summary>
        public const string TokenHeader = "X-Auth-Token";

        private readonly TokenManager _tokens;

        public AuthHandler(TokenManager tokens) => _tokens = tokens;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            RequestOptions.SetHeader(request.Headers, TokenHeader, token);
            // Keep a copy for the replay before the request is sent (a sent message cannot be sent again).
            var spare = _tokens.CanRenew ? await RequestOptions.CloneAsync(request).ConfigureAwait(false) : null;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || spare == null) return response;

            CmdletMessages.Verbose($"{request.Method} {request.RequestUri?.AbsoluteUri}: 401, the token was rejected; re-authenticating at {_tokens.Identity.AuthUrl} and replaying the request.");
            response.Dispose();
            string renewed = await _tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
            RequestOptions.SetHeader(spare.Headers, TokenHeader, renewed);
            return await base.SendAsync(spare, cancellationToken).ConfigureAwait(false);
        }
    }
}
