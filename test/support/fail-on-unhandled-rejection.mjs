// Loaded into every integration test process: a promise that rejects with nobody listening is a defect
// (a state write or a resume whose failure no one hears), so the file fails, naming it, even when every
// assertion passed.
process.on('unhandledRejection', (reason) => {
  console.error('A promise rejected with nobody listening:', reason);
  process.exitCode = 1;
});
