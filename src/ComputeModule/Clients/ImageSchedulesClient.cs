using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Errors;
using ComputeModule.Http;
using ComputeModule.Models;
using ComputeModule.Wire;

namespace ComputeModule.Clients
{
    /// <summary>
    /// Rackspace scheduled images: <c>servers/{id}/rax-si-image-schedule</c>. A cloud without the extension answers
    /// 404 on that route, just as for a server that does not exist, so a 404 is followed by <c>GET servers/{id}</c>
    /// to tell "no such server" from "no schedules here".
    /// </summary>
    internal sealed class ImageSchedulesClient
    {
        private readonly ApiSender _send;
        private readonly ServersClient _servers;

        public ImageSchedulesClient(ApiSender send, ServersClient servers)
        {
            _send = send ?? throw new ArgumentNullException(nameof(send));
            _servers = servers ?? throw new ArgumentNullException(nameof(servers));
        }

        internal static string SchedulePath(string serverId) => ServersClient.ServerPath(serverId) + "/rax-si-image-schedule";

        /// <summary>The schedule of a server.</summary>
        public async Task<ComputeImageSchedule> GetAsync(string serverId, CancellationToken ct)
        {
            var response = await SendAsync(serverId, new ApiRequest(HttpMethod.Get, SchedulePath(serverId)), scheduleMayBeAbsent: true, ct).ConfigureAwait(false);
            return Read(serverId, response, null);
        }

        /// <summary>Enables (or changes) the schedule: daily when <paramref name="dayOfWeek"/> is null, else weekly.</summary>
        public async Task<ComputeImageSchedule> EnableAsync(string serverId, int retention, DayOfWeek? dayOfWeek, CancellationToken ct)
        {
            var body = BuildBody(retention, dayOfWeek);
            // Posting the same schedule twice leaves the same schedule: safe to repeat.
            var request = new ApiRequest(HttpMethod.Post, SchedulePath(serverId)) { Body = body, Idempotent = true };
            var response = await SendAsync(serverId, request, scheduleMayBeAbsent: false, ct).ConfigureAwait(false);
            return Read(serverId, response, body.ImageSchedule);
        }

        /// <summary>Disables the schedule.</summary>
        public Task DisableAsync(string serverId, CancellationToken ct)
            => SendAsync(serverId, new ApiRequest(HttpMethod.Delete, SchedulePath(serverId)), scheduleMayBeAbsent: true, ct);

        /// <summary>Sends a request of the schedule route; a 404 is explained by <see cref="ExplainNotFoundAsync"/>.</summary>
        private async Task<ApiResponse> SendAsync(string serverId, ApiRequest request, bool scheduleMayBeAbsent, CancellationToken ct)
        {
            try
            {
                return await _send(request, ct).ConfigureAwait(false);
            }
            catch (ComputeNotFoundException e)
            {
                throw await ExplainNotFoundAsync(serverId, e, scheduleMayBeAbsent, ct).ConfigureAwait(false);
            }
        }

        /// <summary>The request body: <c>{"image_schedule":{"retention":7,"day_of_week":"SUNDAY"}}</c> (no day for daily).</summary>
        internal static ImageScheduleEnvelopeDto BuildBody(int retention, DayOfWeek? dayOfWeek)
            => new ImageScheduleEnvelopeDto
            {
                ImageSchedule = new ImageScheduleDto
                {
                    Retention = retention,
                    DayOfWeek = dayOfWeek.HasValue ? WireMapper.ToWireDay(dayOfWeek.Value) : null,
                },
            };

        private static ComputeImageSchedule Read(string serverId, ApiResponse response, ImageScheduleDto? sent)
        {
            var dto = response.IsEmpty ? sent : response.Read<ImageScheduleEnvelopeDto>().ImageSchedule ?? sent;
            if (dto == null)
            {
                throw response.Unexpected($"The answer for the image schedule of server {serverId} has no image_schedule.");
            }
            return WireMapper.ToSchedule(serverId, dto);
        }

        /// <summary>
        /// After a 404 on the schedule route: the server's own 404 when the server is missing; the original 404 when
        /// the fault says the server has no schedule; otherwise ImageSchedulesNotSupportedException.
        /// </summary>
        private async Task<Exception> ExplainNotFoundAsync(string serverId, ComputeNotFoundException scheduleError, bool scheduleMayBeAbsent, CancellationToken ct)
        {
            try
            {
                await _servers.GetAsync(serverId, ct).ConfigureAwait(false);
            }
            catch (ComputeNotFoundException serverError)
            {
                return serverError;
            }
            if (scheduleMayBeAbsent && SaysNoSchedule(scheduleError)) return scheduleError;
            // The route's own 404 text is not worth repeating (real Nova answers an HTML-ish "The resource could not be found.<br />").
            string request = scheduleError.RequestId == null ? string.Empty : $" (request {scheduleError.RequestId})";
            return new ImageSchedulesNotSupportedException(
                $"The compute service does not offer scheduled images: {SchedulePath(serverId)} answered 404 although server {serverId} exists{request}. " +
                "Scheduled images are a Rackspace extension (rax-si-image-schedule).",
                scheduleError);
        }

        /// <summary>
        /// Whether a 404 on the schedule route is the extension's "Image schedule does not exist for server ..." rather
        /// than a route the service does not know.
        /// </summary>
        internal static bool SaysNoSchedule(ComputeApiException e)
        {
            string text = (e.FaultMessage ?? string.Empty).ToLowerInvariant();
            return text.Contains("image schedule") || text.Contains("schedule does not exist") || text.Contains("no schedule")
                || text.Contains("schedule not found");
        }
    }

    /// <summary>The cloud has no scheduled-images extension (the route answers 404 although the server exists).</summary>
    public sealed class ImageSchedulesNotSupportedException : ComputeApiException
    {
        /// <summary>Creates the exception from the 404 of the schedule route.</summary>
        public ImageSchedulesNotSupportedException(string message, ComputeApiException inner)
            : base(message, inner?.StatusCode ?? HttpStatusCode.NotFound, inner?.FaultCode, inner?.FaultMessage, inner?.RequestId, inner?.RequestUri, inner) { }
    }
}
