// Runs before the page paints: applies the theme the learner picked (light or dark) so the
// page never flashes the wrong colours. "system" (or nothing stored) follows the device.
(function () {
  try {
    var theme = localStorage.getItem('theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  } catch (e) {
    // Storage can be blocked (private modes); the system theme still applies.
  }
})();
