using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Errors;
using ComputeModule.Http;

namespace ComputeModule.Auth
{
    /// <summary>
    /// Holds the session's current token; renews it shortly before it expires and when the service rejects it.
    /// Renewals are single-flight: concurrent requests that saw the same stale token share one re-authentication.
    /// </summary>
    internal sealed class TokenManager : IDisposable
    {
        private readonly IIdentityProvider _identity;
        private readonly Func<HttpClient> _identityClient;
        private readonly SessionOptions _options;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private State? _state;

        public TokenManager(IIdentityProvider identity, Func<HttpClient> identityClient, SessionOptions options)
        {
            _identity = identity;
            _identityClient = identityClient;
            _options = options;
        }

        private sealed class State
        {
            public State(AuthResult result, DateTimeOffset? localExpiry, DateTimeOffset renewAt)
            {
                Result = result;
                LocalExpiry = localExpiry;
                RenewAt = renewAt;
            }

            public AuthResult Result { get; }
            public DateTimeOffset? LocalExpiry { get; }
            public DateTimeOffset RenewAt { get; }
        }

        /// <summary>Whether the token can be renewed without the user.</summary>
        public bool CanRenew => _identity.CanRenew;

        /// <summary>The identity provider (for its version and URL).</summary>
        public IIdentityProvider Identity => _identity;

        /// <summary>The last authentication's result (null before the first).</summary>
        public AuthResult? Current => _state?.Result;

        /// <summary>When the current token expires, in the service's clock as keystone said it.</summary>
        public DateTimeOffset? Expires => _state?.Result.Expires;

        /// <summary>How many times the token was obtained (1 after connecting); for tests and diagnostics.</summary>
        public int Authentications { get; private set; }

        /// <summary>The first authentication.</summary>
        public async Task<AuthResult> AuthenticateAsync(CancellationToken ct)
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return await AuthenticateLockedAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>A token to send now; renews first when the known expiry is close.</summary>
        public async Task<string> GetTokenAsync(CancellationToken ct)
        {
            var state = _state ?? throw new InvalidOperationException("The session has not authenticated yet.");
            if (CanRenew && _options.UtcNow() >= state.RenewAt)
            {
                CmdletMessages.Verbose(string.Format(CultureInfo.InvariantCulture,
                    "The token expires at {0:u}; renewing it at {1}.", state.Result.Expires, _identity.AuthUrl));
                try
                {
                    return await RenewAsync(state.Result.Token, ct).ConfigureAwait(false);
                }
                catch (ComputeApiException e) when (!(e is ComputeUnauthorizedException) && state.LocalExpiry > _options.UtcNow())
                {
                    // The identity service is unreachable or busy, but the old token is still good for a while:
                    // use it; the next request tries again.
                    CmdletMessages.Verbose("Renewing the token failed (" + e.Message + "); using the current token until it expires.");
                    return state.Result.Token;
                }
            }
            return state.Result.Token;
        }

        /// <summary>A new token, unless another request already replaced <paramref name="staleToken"/>.</summary>
        public async Task<string> RenewAsync(string staleToken, CancellationToken ct)
        {
            if (!CanRenew) throw new InvalidOperationException("This connection's token cannot be renewed.");
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var state = _state;
                if (state != null && !string.Equals(state.Result.Token, staleToken, StringComparison.Ordinal))
                {
                    return state.Result.Token;
                }
                var result = await AuthenticateLockedAsync(ct).ConfigureAwait(false);
                return result.Token;
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<AuthResult> AuthenticateLockedAsync(CancellationToken ct)
        {
            var result = await _identity.AuthenticateAsync(_identityClient(), ct).ConfigureAwait(false);
            var now = _options.UtcNow();
            DateTimeOffset? localExpiry = null;
            var renewAt = DateTimeOffset.MaxValue;
            if (result.Expires.HasValue)
            {
                // Keystone's expiry is in its clock: move it into ours with the answer's Date header.
                var skew = result.ServerDate.HasValue ? now - result.ServerDate.Value : TimeSpan.Zero;
                if (skew.Duration() < TimeSpan.FromSeconds(5)) skew = TimeSpan.Zero; // Date has 1 s resolution
                localExpiry = result.Expires.Value + skew;
                var lifetime = localExpiry.Value - now;
                var margin = TimeSpan.FromTicks(Math.Min(_options.RenewBeforeExpiry.Ticks, Math.Max(0, lifetime.Ticks / 10)));
                renewAt = localExpiry.Value - margin;
            }
            _state = new State(result, localExpiry, renewAt);
            Authentications++;
            return result;
        }

        public void Dispose() => _gate.Dispose();
    }
}
