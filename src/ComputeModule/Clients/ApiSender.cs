using System.Threading;
using System.Threading.Tasks;
using ComputeModule.Http;

namespace ComputeModule.Clients
{
    /// <summary>
    /// Sends one request and returns the successful answer (or throws a ComputeApiException).
    /// In the module this is <c>ComputeSession.SendAsync</c>; unit tests pass a fake.
    /// </summary>
    internal delegate Task<ApiResponse> ApiSender(ApiRequest request, CancellationToken cancellationToken);
}
