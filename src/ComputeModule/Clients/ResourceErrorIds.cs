using System;
using ComputeModule.Errors;

namespace ComputeModule.Clients
{
    /// <summary>
    /// The error ids of the design contract that depend on which resource failed. A 404 is ServerNotFound or
    /// ImageNotFound depending on the route that answered it (the schedule client re-throws the server's own 404
    /// when the server is missing).
    /// </summary>
    internal static class ResourceErrorIds
    {
        public const string ServerNotFound = "ServerNotFound";
        public const string ImageNotFound = "ImageNotFound";
        public const string MetadataKeyNotFound = "MetadataKeyNotFound";
        public const string ImageScheduleNotFound = "ImageScheduleNotFound";
        public const string ImageSchedulesNotSupported = "ImageSchedulesNotSupported";
        public const string InvalidMetadata = "InvalidMetadata";
        public const string MetadataLimitExceeded = "MetadataLimitExceeded";

        /// <summary>The id for <paramref name="e"/>, or null to let the error factory choose by exception type.</summary>
        public static string? For(Exception e)
        {
            switch (e)
            {
                case ImageSchedulesNotSupportedException _: return ImageSchedulesNotSupported;
                case InvalidMetadataException _: return InvalidMetadata;
                case MetadataLimitExceededException _: return MetadataLimitExceeded;
                case ComputeNotFoundException nf: return NotFoundId(nf);
                case ComputeApiException api when IsMetadataLimitFault(api): return MetadataLimitExceeded;
                default: return null;
            }
        }

        /// <summary>Which resource a 404 is about, from the route that answered it.</summary>
        internal static string? NotFoundId(ComputeApiException e)
        {
            string path = e.RequestUri?.AbsolutePath ?? string.Empty;
            if (path.EndsWith("/rax-si-image-schedule", StringComparison.OrdinalIgnoreCase)) return ImageScheduleNotFound;
            int images = path.LastIndexOf("/images/", StringComparison.OrdinalIgnoreCase);
            int servers = path.LastIndexOf("/servers/", StringComparison.OrdinalIgnoreCase);
            if (images >= 0 && images > servers)
            {
                // images/{id}/metadata/{key}: the image or the key may be missing. Only the image's 404 names the image
                // ("Image not found."); a missing key says "Metadata item was not found", "Invalid metadata key" or
                // just "The resource could not be found." depending on the cloud.
                bool itemRoute = path.IndexOf("/metadata/", images, StringComparison.OrdinalIgnoreCase) >= 0;
                string message = (e.FaultMessage ?? string.Empty).ToLowerInvariant();
                bool namesImage = message.Contains("image not found") || message.Contains("image could not be found")
                    || message.Contains("no image");
                if (itemRoute && !namesImage) return MetadataKeyNotFound;
                return ImageNotFound;
            }
            if (servers >= 0) return ServerNotFound;
            return null;
        }

        /// <summary>Nova's 403 "Image metadata limit exceeded" (older clouds: 413 "Quota exceeded for metadata items").</summary>
        internal static bool IsMetadataLimitFault(ComputeApiException e)
        {
            int status = e.StatusCode.HasValue ? (int)e.StatusCode.Value : 0;
            if (status != 403 && status != 413) return false;
            string message = (e.FaultMessage ?? e.Message ?? string.Empty).ToLowerInvariant();
            return message.Contains("metadata") && (message.Contains("limit") || message.Contains("quota") || message.Contains("exceed"));
        }
    }
}
