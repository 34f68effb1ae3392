// After a refused form, put the keyboard focus on the first field in error: its message is read out by screen
// readers through aria-describedby (see AccessibleFieldTagHelper), and the user can correct it at once.
(function () {
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) invalid.focus();
})();
