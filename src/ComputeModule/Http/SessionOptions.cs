using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ComputeModule.Http
{
    /// <summary>Tunables of a session: timeouts, retry policy and the seams unit tests use (handler, delays, clock).</summary>
    internal sealed class SessionOptions
    {
        private static readonly ThreadLocal<Random> s_random = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

        /// <summary>Timeout of one attempt, body included (HttpClient's own timeout is off: it would also count retry waits).</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Attempts in all, the first one included.</summary>
        public int MaxAttempts { get; set; } = 4;

        /// <summary>First backoff delay; doubles per attempt, plus jitter.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>Upper bound of one backoff delay.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The longest Retry-After we wait for; a longer one is reported at once instead.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Renew the token this long before it expires (at most; short-lived tokens get a tenth of their life).</summary>
        public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>Waits; tests replace it to record delays instead of sleeping.</summary>
        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (d, ct) => Task.Delay(d, ct);

        /// <summary>A number in [0, 1) for jitter.</summary>
        public Func<double> Jitter { get; set; } = () => s_random.Value!.NextDouble();

        /// <summary>The clock.</summary>
        public Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Creates the innermost handler; null: a plain HttpClientHandler. Tests pass fakes.</summary>
        public Func<HttpMessageHandler>? PrimaryHandler { get; set; }

        /// <summary>The User-Agent header.</summary>
        public string UserAgent { get; set; } = "ComputeModule/" + typeof(SessionOptions).Assembly.GetName().Version?.ToString(3);

        /// <summary>The backoff before attempt <paramref name="nextAttempt"/> (2, 3, ...): base * 2^(n-2), capped, with up to 50 % jitter.</summary>
        public TimeSpan Backoff(int nextAttempt)
        {
            double ms = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, nextAttempt - 2));
            ms = Math.Min(ms, MaxDelay.TotalMilliseconds);
            ms += ms * 0.5 * Jitter();
            return TimeSpan.FromMilliseconds(ms);
        }
    }
}
