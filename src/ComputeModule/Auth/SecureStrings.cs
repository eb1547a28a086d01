using System;
using System.Runtime.InteropServices;
using System.Security;

namespace ComputeModule.Auth
{
    /// <summary>SecureString helpers: secrets stay SecureString and are opened only to write an identity request body.</summary>
    internal static class SecureStrings
    {
        /// <summary>The plain text of a SecureString (keep the result short-lived).</summary>
        public static string ToPlain(SecureString value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(ptr) ?? string.Empty;
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }

        /// <summary>A read-only SecureString holding <paramref name="value"/> (environment variables arrive as plain text).</summary>
        public static SecureString FromPlain(string value)
        {
            var s = new SecureString();
            foreach (char c in value ?? string.Empty) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }
}
