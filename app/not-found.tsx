export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">There is nothing at this address.</p>
      <p className="mt-6">
        <a href="/" className="underline underline-offset-2">
          Back to the status page
        </a>
      </p>
    </main>
  );
}
