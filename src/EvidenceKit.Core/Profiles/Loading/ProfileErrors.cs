namespace EvidenceKit.Core.Profiles.Loading;

/// <summary>Every profile error, built in one place so that the wording stays the same everywhere.</summary>
internal static class ProfileErrors
{
    public static ProfileException Syntax(string file, int? line, string problem) =>
        new(file, line, null, $"not valid YAML: {problem}");

    public static ProfileException Empty(string file) =>
        new(file, null, null, "the file is empty; a profile needs at least 'name' and 'description'");

    public static ProfileException SeveralDocuments(string file, int line) =>
        new(file, line, null, "the file holds more than one YAML document ('---'); put one profile in each file");

    public static ProfileException NotAMapping(string file, int line) =>
        new(file, line, null, "a profile must be a mapping of keys such as 'name:' and 'description:'");

    public static ProfileException KeyNotText(string file, int line) =>
        new(file, line, null, "keys must be plain words such as 'name' or 'paths'");

    public static ProfileException DuplicateKey(string file, int line, string key) =>
        new(file, line, key, "the key appears twice; keep one");

    public static ProfileException UnknownKey(string file, int line, string key, IEnumerable<string> allowed) =>
        new(file, line, key, $"unknown key; allowed here: {string.Join(", ", allowed)}");

    public static ProfileException MissingKey(string file, int line, string key, string what) =>
        new(file, line, key, $"missing required key; add '{key}:' ({what})");

    public static ProfileException WrongType(string file, int line, string key, string expected) =>
        new(file, line, key, $"must be {expected}");

    public static ProfileException EmptyValue(string file, int line, string key) =>
        new(file, line, key, "must not be empty");

    public static ProfileException BadName(string file, int line, string key, string name) =>
        new(file, line, key, $"'{name}' is not a valid name; use letters, digits, '-', '_' and '.', starting with a letter or digit");

    public static ProfileException NameNotFileName(string file, int line, string name, string fileName) =>
        new(file, line, "name", $"'{name}' must equal the file name '{fileName}' (rename the file or change 'name')");

    public static ProfileException UnknownCategory(string file, int line, string category, IEnumerable<string> allowed) =>
        new(file, line, "category", $"unknown category '{category}'; allowed: {string.Join(", ", allowed)}");

    public static ProfileException CategoryNotFolder(string file, int line, string category, string folder) =>
        new(file, line, "category", $"'{category}' must equal the folder the file is in ('{folder}')");

    public static ProfileException EmptyPaths(string file, int line) =>
        new(file, line, "paths", "is empty; list at least one path, like [/var/log/app/**]");

    public static ProfileException RelativePath(string file, int line, string key, string path) =>
        new(file, line, key, $"'{path}' is not absolute; write a full Linux path ('/var/log/...') or a Windows drive path ('C:\\...')");

    public static ProfileException DotDotPath(string file, int line, string key, string path) =>
        new(file, line, key, $"'{path}' contains '..'; write the path without it");

    public static ProfileException BadSize(string file, int line, string text) =>
        new(file, line, "max-file-size", $"'{text}' is not a size; write bytes (1048576) or a number with a unit (512KiB, 2GiB, 10MB)");

    public static ProfileException UnknownDialect(string file, int line, string dialect, IEnumerable<string> allowed) =>
        new(file, line, "discover", $"unknown discovery dialect '{dialect}'; allowed: {string.Join(", ", allowed)}");

    public static ProfileException UnknownInclude(string file, int line, string name, IEnumerable<string> known) =>
        new(file, line, "include", $"no system profile named '{name}'; known: {string.Join(", ", known)}");

    public static ProfileException UnknownTarget(string file, int line, string name) =>
        new(file, line, "targets", $"no target named '{name}'; see 'profiles list' for the shipped targets, or add your own with --profiles DIR");

    public static ProfileException IncludeCycle(string file, int line, IEnumerable<string> chain) =>
        new(file, line, "include", $"include cycle: {string.Join(" -> ", chain)}");

    public static ProfileException DuplicateTargetInFile(string file, int line, string name) =>
        new(file, line, "targets", $"target '{name}' is listed twice; keep one");

    public static ProfileException ConflictingTarget(string file, int line, string name, string otherSource) =>
        new(file, line, "targets", $"target '{name}' is already defined differently in {otherSource}; give this one another name, or override the target file with --profiles DIR");

    public static ProfileException UnknownProfile(string name, IEnumerable<string> known) =>
        new("--profile", null, null, $"no system profile named '{name}'; known: {string.Join(", ", known)}");

    public static ProfileException FileNotFound(string path) =>
        new(path, null, null, "file not found");

    public static ProfileException Unreadable(string path, string reason) =>
        new(path, null, null, $"cannot be read: {reason}");

    public static ProfileException NotAProfile(string file) =>
        new(file, null, null, "neither a system profile (it needs 'targets' or 'include') nor a target (it needs 'category' and 'paths')");

    public static ProfileException TargetNotSystem(string file) =>
        new(file, null, null, "is a target file, not a system profile; list it under 'targets:' of a system profile");

    public static ProfileException DirectoryNotFound(string dir) =>
        new(dir, null, null, "profiles directory not found; it should hold systems/ and targets/<category>/");

    public static ProfileException UnknownCategoryFolder(string dir, string folder, IEnumerable<string> allowed) =>
        new(dir, null, null, $"unknown category folder '{folder}'; allowed: {string.Join(", ", allowed)}");

    public static ProfileException TargetDefinedTwice(string file, string name, string otherFile) =>
        new(file, null, null, $"target '{name}' is also defined in {otherFile}; target names must be unique across categories");

    public static ProfileException AutoFoundNothing(string root) =>
        new("--profile auto", null, null, $"no known system was recognised under '{root}'; name a profile with --profile (see 'profiles list')");
}
