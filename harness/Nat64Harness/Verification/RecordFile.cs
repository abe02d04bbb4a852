namespace Nat64Harness.Verification;

/// <summary>Writes a record beside a run's pcaps whole or not at all: into a temporary file, then renamed over the record.</summary>
internal static class RecordFile
{
    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/>; false when it could not (a full disk, a folder gone):
    /// nothing half-written is left under the record's name, and a <c>*.tmp</c> is never read as a record.
    /// </summary>
    public static bool TryWrite(string path, string text)
    {
        var temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the record is absent, which readers take as "not known".
            }

            return false;
        }
    }
}
