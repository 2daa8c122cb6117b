using System.Runtime.InteropServices;

namespace Microsoft.ML.Synthetic.Synthesizers.Deep;

/// <summary>
/// The process's native environment (the C library's <c>environ</c>), which native libraries such as LibTorch's
/// OpenMP runtime read. On Linux and macOS <see cref="Environment.SetEnvironmentVariable(string, string?)"/>
/// changes only .NET's own copy, so a variable a native library must see is set here. On Windows .NET's calls
/// reach the process environment themselves and are used instead.
/// </summary>
internal static class NativeEnvironment
{
    private static readonly object Gate = new();

    /// <summary>The variable's value as native code sees it; null when unset.</summary>
    public static string? Get(string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return Environment.GetEnvironmentVariable(name);
        }

        lock (Gate)
        {
            return Marshal.PtrToStringUTF8(NativeMethods.getenv(Utf8(name)));
        }
    }

    /// <summary>Sets the variable for native code unless it is already set (a user's choice wins); true when set here.</summary>
    public static bool SetIfUnset(string name, string value)
    {
        lock (Gate)
        {
            if (Get(name) is not null)
            {
                return false;
            }

            if (OperatingSystem.IsWindows())
            {
                Environment.SetEnvironmentVariable(name, value);
                return true;
            }

            if (NativeMethods.setenv(Utf8(name), Utf8(value), 0) != 0)
            {
                return false;
            }

            Environment.SetEnvironmentVariable(name, value);   // keep .NET's copy in step
            return true;
        }
    }

    /// <summary>A null-terminated UTF-8 copy of <paramref name="text"/>, as the C library takes strings.</summary>
    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

    private static class NativeMethods
    {
        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern nint getenv(byte[] name);

        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setenv(byte[] name, byte[] value, int overwrite);
    }
}
