// After a refused form, put the keyboard focus on the first field in error: its message is read out by screen
// readers through aria-describedby (see AccessibleFieldTagHelper), and the user can correct it at once.
// Otherwise focus what the page marks data-autofocus (the quote just computed).
(function () {
    var target = document.querySelector('[aria-invalid="true"]') || document.querySelector('[data-autofocus]');
    if (target) target.focus();
})();

// Buttons with data-confirm ask before submitting their form (no inline handlers: the Content-Security-Policy forbids them).
document.addEventListener('click', function (event) {
    // An empty data-confirm (a tag helper writes data-confirm="" for a null value) asks nothing.
    var button = event.target.closest && event.target.closest('[data-confirm]:not([data-confirm=""])');
    if (button && !window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
});
