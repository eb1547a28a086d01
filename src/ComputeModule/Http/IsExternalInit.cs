// Lets netstandard2.0 code use records and init accessors (the compiler looks for this type by name).
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
