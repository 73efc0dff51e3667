//! Tools from outside cargo that a few tests need (schemathesis, a D-Bus
//! session with a GNOME keyring). Without one, such a test prints one line
//! saying what was skipped and how to get the tool, and passes; with
//! `PORTICO_TEST_STRICT=1` (as `.ci/run` sets) a missing tool fails it.

use std::io::Write;

/// Whether `PORTICO_TEST_STRICT=1`: every outside tool must be there.
pub fn strict() -> bool {
    std::env::var("PORTICO_TEST_STRICT").is_ok_and(|v| v == "1")
}

/// Skips `test` (or fails it in strict mode): `missing` says what is not
/// there, `how` how to get it. Call it and return from the test.
#[track_caller]
pub fn skip(test: &str, missing: &str, how: &str) {
    let line = format!("SKIPPED {test}: {missing}; {how}");
    assert!(
        !strict(),
        "{line} (PORTICO_TEST_STRICT=1: a missing tool fails)"
    );
    // Written to the real stderr, past the test harness's capture, so a
    // passing run still says what it did not test.
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether `program` is an executable file in a directory of `PATH`.
pub fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join(program))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}
