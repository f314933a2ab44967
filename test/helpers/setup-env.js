// Every deck the test suite builds, in process or through a CLI child process (which inherits the environment),
// gets the full structural check (src/render/package/check.ts); builds outside the tests check the package level.
process.env.KOMMUNEDECK_VERIFY = 'full';
