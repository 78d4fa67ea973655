// middy's packages export only an `import` condition; resolve them with it (swc then makes them CommonJS).
module.exports = (request, options) => {
  if (request.startsWith('@middy/')) {
    return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
  }
  return options.defaultResolver(request, options);
};
